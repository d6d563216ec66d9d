using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.Core.Stores.Gemini;
using SessionBrowser.Core.Stores.Kimi;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Stores.Qwen;

namespace SessionBrowser.Commands;

/// <summary>What opening a source needs; the native store is resolved only when the native source is opened (no demo notice for <c>--source gemini</c>).</summary>
public sealed record SourceSettings(Func<NativeStore> NativeStore, CliHost Host);

/// <summary>
/// A source the command line can use. <paramref name="Open"/> returns null when the source has
/// nothing on this machine (no folder), which is not an error unless the user asked for it.
/// </summary>
public sealed record SourceDefinition(string Name, Func<SourceSettings, ISessionStore?> Open);

/// <summary>The sources behind <c>--source</c>. Adding a source is one line in <see cref="Definitions"/>.</summary>
public static class SourceRegistry
{
    public const string All = "all";

    public static readonly IReadOnlyList<SourceDefinition> Definitions =
    [
        new(NativeStore.SourceName, settings => settings.NativeStore()),
        new(GeminiStore.SourceName, settings => GeminiStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock,
            settings.Host.CacheDirectory)),
        new(ClaudeStore.SourceName, settings => ClaudeStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock)),
        new(KimiStore.SourceName, settings => KimiStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock)),
        new(CodexStore.SourceName, settings => CodexStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock)),
        new(QwenStore.SourceName, settings => QwenStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock)),
        new(OpenCodeStore.SourceName, settings => OpenCodeStore.OpenDefault(settings.Host.Environment, settings.Host.HomeDirectory, settings.Host.Clock)),
    ];

    public static IEnumerable<string> Names => Definitions.Select(definition => definition.Name);

    /// <summary>
    /// Whether a source other than the native store has a home on this machine (the demo is only
    /// for a machine with none). A source whose home holds the native folder (Kimi CLI writes into
    /// ~/.kimi/sessions too) is left to the native store's own check of that folder.
    /// </summary>
    public static bool OthersPresent(CliHost host, string nativeRoot)
    {
        var settings = new SourceSettings(() => throw new InvalidOperationException("the native store is not opened here"), host);
        return Definitions.Where(d => d.Name != NativeStore.SourceName)
            .Select(d => d.Open(settings))
            .Any(store => store is not null && !IsWithin(nativeRoot, store.Root));
    }

    private static bool IsWithin(string path, string folder)
    {
        string relative = Path.GetRelativePath(folder, path);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>Opens the named source, or every source present for "all".</summary>
    public static SessionSources Open(string selection, SourceSettings settings)
    {
        if (selection == All)
            return new SessionSources(Definitions.Select(definition => definition.Open(settings)).OfType<ISessionStore>());

        var definition = Definitions.FirstOrDefault(d => d.Name == selection)
            ?? throw CliException.Usage($"unknown source '{selection}' (use {string.Join(", ", Names)} or {All})");
        var store = definition.Open(settings) ?? throw new CliException($"no {selection} sessions on this machine");
        return new SessionSources([store]);
    }
}
