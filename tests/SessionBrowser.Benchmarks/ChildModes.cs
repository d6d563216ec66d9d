using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Work the benchmark times as a whole process of its own (start-up and peak memory included),
/// for Core paths the program has no command for: <c>SessionBrowser.Benchmarks child MODE ...</c>.
/// </summary>
public static class ChildModes
{
    public const string Verb = "child";

    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["open-large", var root, var id, var cache]:
                OpenLarge(root, id, cache);
                return 0;
            default:
                Console.Error.WriteLine($"unknown child mode: {string.Join(' ', args)}");
                return 2;
        }
    }

    /// <summary>What a viewer does to show a huge session: its size, the first screen and the last.</summary>
    private static void OpenLarge(string root, string id, string cache)
    {
        var store = new NativeStore(root);
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = cache });
        var list = search.OpenMessages(store, id);
        var first = list.GetRange(0, 60);
        var last = list.GetRange(Math.Max(0, list.Count - 60), 60);
        long characters = first.Concat(last).Sum(r => r.Message?.Content.Length ?? 0);
        Console.WriteLine($"{list.Count} messages; read {first.Count + last.Count} ({characters} characters)");
    }
}
