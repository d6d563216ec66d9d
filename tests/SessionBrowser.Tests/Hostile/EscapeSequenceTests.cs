using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>Issue 14, item 11: strings from session files reach the terminal only through the sanitizer.</summary>
public sealed class EscapeSequenceTests : IDisposable
{
    private const string SetTitle = "\u001b]0;pwned\u0007";
    private const string Clipboard = "\u001b]52;c;cHduZWQ=\u0007";
    private readonly CliHarness _cli = new();
    private readonly string _id;

    public EscapeSequenceTests()
    {
        var builder = new StoreBuilder(_cli.Store);
        _id = builder.Add(TimeSpan.FromHours(1), "report\u202Etxt.exe", messages: ["user: hi"]);
        builder.Store.Update(_id, m =>
        {
            m.Model = "m" + SetTitle;
            m.WorkDir = "/w" + Clipboard;
            m.Tags = ["t\u001b[2J", "x"];
            m.Status = "paused\u001b[31m";
        }, touch: false);
    }

    public void Dispose() => _cli.Dispose();

    private static void Clean(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u202E', output);
    }

    [Fact]
    public void Show_prints_model_work_dir_tags_and_status_sanitized()
    {
        var show = _cli.Run("show", _id);
        Clean(show.Out);
        Assert.Contains("work dir /w", show.Out);
    }

    [Fact]
    public void Tag_listing_and_delete_confirmation_are_sanitized()
    {
        Clean(_cli.Run("tag", _id).Out);
        Clean(_cli.Run("delete", _id).Out);
    }

    [Fact]
    public void A_search_hit_on_a_hostile_title_shows_the_title_without_the_sequences_leftovers()
    {
        var builder = new StoreBuilder(_cli.Store);
        builder.Add(TimeSpan.FromHours(2), SetTitle + "Evil \u001b[31mred\u001b[0m title", messages: ["user: nothing here"]);
        var search = _cli.Run("search", "evil");
        Clean(search.Out);
        Assert.Contains("Evil red title", search.Out);
        Assert.DoesNotContain("pwned", search.Out);
        Assert.DoesNotContain("[31m", search.Out);
        // JSON keeps the title as data (escaped), but the snippet is text to show.
        var json = _cli.Run("search", "evil", "--json");
        Clean(json.Out);
        Assert.Contains("\"snippet\": \"Evil red title\"", json.Out);
    }
}
