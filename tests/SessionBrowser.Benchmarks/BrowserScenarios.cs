using SessionBrowser.Browser.Input;
using System.Diagnostics;
using SessionBrowser.Browser;
using SessionBrowser.Browser.Runtime;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Issue 4's figures, in-process on the browser's real code path (Update, View, the frame diff):
/// the first frame on a large store, opening the 100,000-message session, and a keystroke in the list.
/// The whole program (start-up included) is timed by <see cref="BrowserProcessScenarios"/>.
/// </summary>
public static class BrowserScenarios
{
    private static int Sessions => 10_000 / BenchContext.Scale;
    private static int LargeSession => 100_000 / BenchContext.Scale;
    private const int Width = 120, Height = 40;

    public static IEnumerable<Scenario> Create() =>
    [
        new($"browser first frame, in-process only (index list + Update + View), {Sessions:N0} sessions (warm index)", "(part of the whole process's ≤ 250 ms)", context =>
        {
            var store = context.NativeStore(Sessions, 100);
            var cache = context.CacheDirectory("search");
            Warm(store.Root, cache);
            return () =>
            {
                var clock = Stopwatch.StartNew();
                var search = new CachedSources([new NativeStore(store.Root)], new SearchOptions { CacheDirectory = cache });
                var state = Loaded(search);
                Frame(state, new FrameRenderer(ColorMode.TrueColor));
                return new Sample(clock.Elapsed, Extra: $"{state.Sessions.Count:N0} sessions listed");
            };
        }),

        new($"browser: open the {LargeSession:N0}-message session, first screen", "≤ 300 ms", context =>
        {
            var store = context.NativeStore(Sessions / 10, 20, LargeSession);
            var cache = context.CacheDirectory("browser-large");
            Warm(store.Root, cache);
            var native = new NativeStore(store.Root);
            var summary = native.Find(store.LargeSessionId!)!;
            return () =>
            {
                var clock = Stopwatch.StartNew();
                var search = new CachedSources([native], new SearchOptions { CacheDirectory = cache });
                var state = App.Update(App.Init(new BrowserOptions(), Width, Height, DateTimeOffset.Now).State, new SessionsLoaded([summary])).State;
                var list = search.OpenMessages(native, summary.Id);
                var doc = new MessageDocument(summary.Ref, new MessageListSource(list));
                // As the runtime does it: the first screen comes laid out with the document, the rest as the pane asks.
                var layout = ScreenLayout.For(state);
                var first = MessagePages.Screen(doc, layout.DetailTextWidth, layout.DetailBody.Height, 0);
                state = Settle(App.Update(state, new PreviewLoaded(summary.Ref, doc, native.ListSnapshots(summary.Id), first)));
                state = Settle(App.Update(state, new KeyPressed(Chord.Tab)));
                state = Settle(App.Update(state, new KeyPressed(Chord.Of('G'))));   // and the last screen, as a reader jumping to the end
                Frame(state, new FrameRenderer(ColorMode.TrueColor));
                return new Sample(clock.Elapsed, Extra: $"{doc.Count:N0} messages");
            };
        }, TimeLimit: TimeSpan.FromMilliseconds(300)),

        new($"browser keystroke to frame, moving through {Sessions:N0} sessions", "(one j: Update + View + diff)", context =>
        {
            var store = context.NativeStore(Sessions, 100);
            var cache = context.CacheDirectory("search");
            Warm(store.Root, cache);
            var state = Loaded(new CachedSources([new NativeStore(store.Root)], new SearchOptions { CacheDirectory = cache }));
            var renderer = new FrameRenderer(ColorMode.TrueColor);
            Frame(state, renderer);
            return () =>
            {
                const int keys = 200;
                long bytes = 0;
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < keys; i++)
                {
                    state = App.Update(state, new KeyPressed(Chord.Of(i % 100 < 50 ? 'j' : 'k'))).State;
                    bytes += Frame(state, renderer);
                }
                return new Sample(clock.Elapsed / keys, Extra: $"{bytes / keys:N0} bytes written per key");
            };
        }),
    ];

    private static void Warm(string root, string cache)
    {
        var search = new CachedSources([new NativeStore(root)], new SearchOptions { CacheDirectory = cache });
        search.Reconcile();
    }

    /// <summary>What the program does before its first frame: the index's list into the state.</summary>
    private static AppState Loaded(CachedSources search)
    {
        var (state, _) = App.Init(new BrowserOptions { StoreLabel = "bench" }, Width, Height, DateTimeOffset.Now);
        var sessions = search.List(fresh: false).Select(m => m.Session).ToList();
        return App.Update(state, new SessionsLoaded(sessions)).State;
    }

    /// <summary>
    /// Does the message layout an update asked for as the runtime does (here on this thread): its
    /// first part, the screen, which the next frame shows; the margin comes after that frame.
    /// </summary>
    private static AppState Settle((AppState State, Effect[] Effects) step)
    {
        if (step.Effects.OfType<LayOutMessages>().FirstOrDefault() is not { } l) return step.State;
        return App.Update(step.State, new MessagesLaidOut(l.Ref, MessagePages.Of(l.Document, l.Width, l.Indexes.Take(EffectRunner.LayOutPart)))).State;
    }

    /// <summary>Draws the state and diffs it against the last frame; returns the bytes a terminal would get.</summary>
    private static int Frame(AppState state, FrameRenderer renderer)
    {
        var buffer = new Buffer(Width, Height);
        App.View(state, buffer);
        return renderer.Render(buffer).Length;
    }
}
