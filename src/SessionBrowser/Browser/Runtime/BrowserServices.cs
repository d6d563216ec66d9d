using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Browser.Runtime;

/// <summary>What the effects of the browser work with: the sources, the one search call, settings.</summary>
public sealed class BrowserServices
{
    public required SessionSources Sources { get; init; }
    public required CachedSources Search { get; init; }
    /// <summary>Overrides each source's resume command (e.g. "kimi --session {id}"); null uses the source's.</summary>
    public string? ResumeTemplate { get; init; }
    /// <summary>The one trash every delete goes into (in the native store's folder).</summary>
    public required SessionTrash Trash { get; init; }
    /// <summary>Where `e` writes export zips.</summary>
    public string ExportDirectory { get; init; } = Directory.GetCurrentDirectory();
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public ISessionStore StoreOf(Core.Model.SessionRef r) =>
        Sources.Store(r.Source) ?? throw new InvalidOperationException($"no source named {r.Source}");
}
