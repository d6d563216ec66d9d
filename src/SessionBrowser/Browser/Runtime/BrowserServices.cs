using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

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
    /// <summary>Where a session is resumed when its work dir is gone and the user agrees.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// The native store among <see cref="Sources"/> (the same instance), or null when it is not
    /// shown: snapshot restore, crash recovery and export to a zip work on its layout only.
    /// </summary>
    public NativeStore? Recorded { get; init; }

    /// <summary>The native store when <paramref name="r"/> is one of its sessions, else a refusal naming the action.</summary>
    public NativeStore RecordedStoreOf(Core.Model.SessionRef r, string action) =>
        Recorded is { } native && ReferenceEquals(StoreOf(r), native)
            ? native
            : throw new SessionRefusedException(StoreAbilities.Missing(StoreOf(r), action));

    public ISessionStore StoreOf(Core.Model.SessionRef r) =>
        Sources.Store(r.Source) ?? throw new InvalidOperationException($"no source named {r.Source}");
}
