using System.Text.Json.Nodes;
using SessionBrowser.Browser;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;
using Golden = SessionBrowser.Terminal.Testing.Snapshot;
using static SessionBrowser.Tests.Browser.BrowserFixture;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Tests.Browser;

/// <summary>
/// Golden screens of every view and dialog, text and styles (selection, focus and highlight
/// colours are part of the file), at 80x24 and 120x40, and the main views also at 40x12, 60x20
/// and 200x60 (UPDATE_SNAPSHOTS=1 re-records).
/// </summary>
public class ScreenTests
{
    public static TheoryData<int, int> Sizes => new() { { 120, 40 }, { 80, 24 } };
    public static TheoryData<int, int> AllSizes => new() { { 40, 12 }, { 60, 20 }, { 80, 24 }, { 120, 40 }, { 200, 60 } };

    private static string Draw(AppState s)
    {
        var buffer = new Buffer(s.Width, s.Height);
        App.View(s, buffer);
        return buffer.ToStyledText();
    }

    private static void Match(AppState s, string name) => Golden.Match(Draw(s), $"{name}_{s.Width}x{s.Height}");

    private static AppState Base(int w, int h) => Opened(Press(Loaded(width: w, height: h), "j").State, RichMessages());

    public static IReadOnlyList<Message> RichMessages()
    {
        const string t = "2025-03-01T11:00:00";
        return
        [
            new Message(Roles.User, "登录页面在手机上错位了，能修一下吗？🙏 The **login** page breaks on phones.", t),
            new Message(Roles.Assistant, "## Plan\n\n1. Check the CSS grid\n2. Fix the `flex-wrap`\n\n- [x] reproduce\n- [ ] fix\n\n```css\n.login { display: flex; flex-wrap: wrap; }\n```\n\n| file | lines |\n|---|--:|\n| login.css | 12 |\n| 布局.css | 3 |\n\n> Note: see [the docs](https://example.com/css)\n\n---\n\nDone ✅", t),
            new Message(Roles.Tool, string.Join("\n", Enumerable.Range(1, 20).Select(i => $"src/login.css:{i}: warning: unused rule .x{i}")), t, new JsonObject { ["tool"] = "grep" }),
            new Message(Roles.System, "Context compacted.", t),
        ];
    }

    [Theory, MemberData(nameof(AllSizes))]
    public void List_and_messages(int w, int h) => Match(Base(w, h), "list_messages");

    [Theory, MemberData(nameof(AllSizes))]
    public void Timeline(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "2");
        (s, _) = Send(s, new SnapshotLoaded(s.Current!.Ref, 15, JsonNode.Parse("""{"task":"fix layout","files":["login.css","布局.css"],"done":false,"progress":0.75,"notes":{"owner":"dev","emoji":"🚀"}}""")));
        Match(s, "timeline");
    }

    [Theory, MemberData(nameof(AllSizes))]
    public void Info(int w, int h) => Match(Press(Base(w, h), "3").State, "info");

    [Theory, MemberData(nameof(AllSizes))]
    public void Help(int w, int h) => Match(Press(Base(w, h), "?").State, "help");

    [Theory, MemberData(nameof(Sizes))]
    public void First_indexing_shows_the_sessions_so_far(int w, int h)
    {
        var (partial, _) = App.Update(Loaded(width: w, height: h), new SessionsLoaded(Sessions().Take(3).ToList(), Filling: "indexing 24%"));
        Match(partial, "first_indexing");
        // The complete list clears it.
        var (complete, _) = App.Update(partial, new SessionsLoaded(Sessions()));
        Assert.DoesNotContain("indexing", Draw(complete), StringComparison.Ordinal);

        // A long store path gives way to the progress, keeping its end.
        var deep = partial with { Options = partial.Options with { StoreLabel = "/srv/agents/" + new string('x', 120) + "/team-store" } };
        string header = Draw(deep).Split('\n')[0];
        Assert.Contains("3 sessions · indexing 24%…", header, StringComparison.Ordinal);
        Assert.Contains("…" + new string('x', 3), header, StringComparison.Ordinal);
        Assert.Contains("x/team-store │", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(39, 30)]
    [InlineData(100, 11)]
    public void Too_small(int w, int h) => Match(Loaded(width: w, height: h), "too_small");

    [Theory]
    [InlineData(40, 12)]
    [InlineData(60, 20)]
    public void One_pane_below_80_columns_tab_moves_between_list_and_messages(int w, int h)
    {
        var list = Base(w, h);
        Assert.Contains("Refactor", Draw(list), StringComparison.Ordinal);
        Match(list, "one_pane_list");
        var messages = Press(list, "Tab").State;
        Assert.Equal(Focus.Detail, messages.Focus);
        Match(messages, "one_pane_messages");
        // Enter opens the same pane (never resumes from a list that hides the messages) and says what Enter does next.
        Match(Press(list, "Enter").State, "one_pane_enter");
        Assert.Equal(Draw(list), Draw(Press(messages, "Tab").State));
    }

    [Fact]
    public void P_hides_the_preview_and_angle_brackets_resize_the_split()
    {
        var s = Base(120, 40);
        var hidden = Press(s, "p").State;
        Assert.True(ScreenLayout.For(hidden).OnePane);
        Match(hidden, "preview_hidden");
        var wider = Press(s, ">", ">").State;
        Assert.Equal(ScreenLayout.For(s).List.Width + 12, ScreenLayout.For(wider).List.Width);
        var narrower = Press(s, "<").State;
        Assert.Equal(ScreenLayout.For(s).List.Width - 6, ScreenLayout.For(narrower).List.Width);
    }

    [Theory, MemberData(nameof(AllSizes))]
    public void The_header_is_never_cut(int w, int h)
    {
        var header = Draw(Base(w, h)).Split('\n')[0];
        // Only the store path may give way (keeping its end); the parts after it are whole or absent.
        Assert.False(header.TrimEnd().EndsWith('…'), header);
        Assert.Contains(" SessionBrowser ", header, StringComparison.Ordinal);
        Assert.Contains("sessions", header, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Loading(int w, int h) =>
        Match(App.Init(new BrowserOptions { StoreLabel = "~/.kimi/sessions" }, w, h, Now).State, "loading");

    [Theory, MemberData(nameof(AllSizes))]
    public void Search_results_with_snippets(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "/", "l", "a", "y", "o", "u", "t");
        var sessions = s.Sessions;
        var hit1 = new SearchHit(sessions.First(x => x.Id == "b2c3d4e5"), 1, "assistant", null,
            "Fix the layout: the login page uses a flex layout that breaks on phones", [new TextRange(8, 6), new TextRange(40, 6)], 2.0);
        var hit2 = new SearchHit(sessions.First(x => x.Id == "a1b2c3d4"), null, null, null, "Refactor the auth module layout", [new TextRange(25, 6)], 1.0);
        (s, _) = Send(s, new SearchCompleted(s.Search.Generation, [hit1, hit2]));
        s = Opened(s, RichMessages());
        (s, _) = Send(s, new MatchesFound(s.Current!.Ref, s.Search.Query, [1]));
        Match(s, "search");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Delete_confirmation_for_two_marked(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "Space", "Space", "d");
        var items = s.Marks.Select(r => s.Sessions.First(x => x.Ref == r)).OrderBy(x => x.Id)
            .Select(x => new DeleteItem(x.Ref, x.Title, x.Path, [x.Path])).ToList();
        (s, _) = Send(s, new DeletePlanned(items));
        Match(s, "confirm_delete");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Restore_confirmation(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "2", "R");
        (s, _) = Send(s, new RestorePlanned(s.Current!.Ref, s.Current!.Title, Plan(s.Current!.Id, 10, 18, 12)));
        Match(s, "confirm_restore");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Crash_recovery_prompt(int w, int h)
    {
        var s = Loaded(width: w, height: h);
        var interrupted = s.Sessions.First(x => x.Id == "f6a7b8c9");
        (s, _) = Send(s, new InterruptedFound([
            new InterruptedSession(interrupted, 12, "2025-02-28T11:50:00", new LockHolder(4242, "build-box", "2025-02-28T10:00:00")),
            new InterruptedSession(s.Sessions.First(x => x.Id == "d4e5f6a7"), null, null, null)]));
        (s, _) = Press(s, "R", "Right", "Space");
        Match(s, "recovery");
        // "All crashed…" (the last button) lists what it will mark before anything changes.
        Match(Press(s, "Left", "Left", "Enter").State, "recovery_mark_all");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Code_scrolled_sideways(int w, int h)
    {
        var code = "var total = " + string.Join(" + ", Enumerable.Range(1, 30).Select(i => $"item{i}.Price")) + "; // END";
        var s = Opened(Press(Loaded(width: w, height: h), "j").State,
            [new Message(Roles.Assistant, "```csharp\n" + code + "\nreturn total;\n```", "2025-03-01T11:00:01")]);
        Match(Press(s, "Tab", "L", "L").State, "code_sideways");
    }

    [Theory, MemberData(nameof(AllSizes))]
    public void Tag_picker(int w, int h) => Match(Press(Base(w, h), "T").State, "tag_picker");

    [Theory, MemberData(nameof(AllSizes))]
    public void Projects(int w, int h) => Match(Press(Base(w, h), "P", "Down").State, "projects");

    [Theory, MemberData(nameof(Sizes))]
    public void Export_dialog(int w, int h) => Match(Press(Base(w, h), "e", "Tab").State, "export");

    [Theory, MemberData(nameof(Sizes))]
    public void Rename_prompt(int w, int h) => Match(Press(Base(w, h), "r", "End", "!").State, "rename");

    [Theory, MemberData(nameof(Sizes))]
    public void Stats_screen(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "A");
        (s, _) = Send(s, new StatsLoaded(
            ["Sessions   6 total · 1 active · 1 paused", "Messages   352", "Cost       $14.24 total · $2.37 per session"],
            "Messages per day, 4 days up to the last active day, 2025-03-01",
            [("2025-02-26", 40), ("2025-02-27", 230), ("2025-02-28", 55), ("2025-03-01", 67)],
            [("kimi-k2", "6 sessions · 1.6M tok · $14.24")]));
        Match(s, "stats");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Damaged_session_detail(int w, int h)
    {
        var (s, _) = Press(Loaded(width: w, height: h), "G", "3");
        Match(s, "damaged_info");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Hundred_thousand_messages_scrolled_to_the_end(int w, int h)
    {
        var big = Session("99999999", "Huge session: 100,000 messages", messages: 100_000, age: TimeSpan.FromSeconds(5));
        var s = Loaded([big, .. Sessions()], w, h);
        var messages = new GeneratedMessages(100_000);
        var doc = new MessageDocument(big.Ref, messages);
        (s, _) = Send(s, new PreviewLoaded(big.Ref, doc, []));
        (s, _) = Press(s, "Tab", "G", "k", "k");
        Match(s, "huge_end");
    }

    /// <summary>A session of any size without holding it: message i is made when asked for.</summary>
    private sealed class GeneratedMessages(int count) : IMessageSource
    {
        public int Count => count;
        public MessageRecord Read(int index) => new(index, index * 120L,
            new Message(index % 2 == 0 ? Roles.User : Roles.Assistant, $"Message number {index + 1:N0}: step **{index}** of the run.", "2025-03-01T11:00:00"));
    }
}
