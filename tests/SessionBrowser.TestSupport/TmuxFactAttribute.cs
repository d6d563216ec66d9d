namespace SessionBrowser.TestSupport;

/// <summary>An end-to-end test that needs tmux; skipped with a reason where tmux is not installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute()
    {
        if (!TmuxSession.IsAvailable) Skip = "tmux is not installed: the end-to-end terminal tests need it (apt-get install tmux)";
    }
}
