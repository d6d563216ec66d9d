using SessionBrowser.Terminal.Testing;

namespace SessionBrowser.Tests.BrowserEndToEnd;

/// <summary>An end-to-end test of the real program in tmux; skipped with the reason where tmux is missing.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!TmuxSession.IsAvailable) Skip = "tmux is not installed: the browser's end-to-end tests need it";
    }
}
