namespace SessionBrowser.Core.Model;

/// <summary>Names one session across all sources: "native:a3b4c5d6", "gemini:…".</summary>
public readonly record struct SessionRef(string Source, string Id)
{
    public override string ToString() => $"{Source}:{Id}";
}
