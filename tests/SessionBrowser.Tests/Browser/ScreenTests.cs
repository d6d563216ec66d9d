using System.Text.Json.Nodes;
using SessionBrowser.Browser;
using SessionBrowser.Core.Model;
using Golden = SessionBrowser.Terminal.Testing.Snapshot;
using static SessionBrowser.Tests.Browser.BrowserFixture;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Tests.Browser;

/// <summary>Golden screens of every view and dialog at 120x40 and 80x24 (UPDATE_SNAPSHOTS=1 re-records).</summary>
public class ScreenTests
{
    public static TheoryData<int, int> Sizes => new() { { 120, 40 }, { 80, 24 } };

    private static string Draw(AppState s)
    {
        var buffer = new Buffer(s.Width, s.Height);
        App.View(s, buffer);
        return buffer.ToText();
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

    [Theory, MemberData(nameof(Sizes))]
    public void List_and_messages(int w, int h) => Match(Base(w, h), "list_messages");

    [Theory, MemberData(nameof(Sizes))]
    public void Timeline(int w, int h)
    {
        var (s, _) = Press(Base(w, h), "2");
        (s, _) = App.Update(s, new SnapshotLoaded(s.Current!.Ref, 15, JsonNode.Parse("""{"task":"fix layout","files":["login.css","布局.css"],"done":false,"progress":0.75,"notes":{"owner":"dev","emoji":"🚀"}}""")));
        Match(s, "timeline");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Info(int w, int h) => Match(Press(Base(w, h), "3").State, "info");

    [Theory, MemberData(nameof(Sizes))]
    public void Help(int w, int h) => Match(Press(Base(w, h), "?").State, "help");

    [Theory, MemberData(nameof(Sizes))]
    public void Too_small(int w, int h) => Match(Loaded(width: w - 1, height: h - 1), "too_small");
}
