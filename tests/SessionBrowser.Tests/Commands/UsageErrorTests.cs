using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

/// <summary>Errors a newcomer meets: which help they point at, and values no session can have.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("trash empty --help", "trash", "empty", "--older-than", "0")]
    [InlineData("trash restore --help", "trash", "restore")]
    [InlineData("gemini restore --help", "gemini", "restore")]
    [InlineData("sessionbrowser list --help", "list", "--bogus")]
    public void A_sub_command_error_points_at_its_own_help(string help, params string[] args)
    {
        var result = _cli.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.EndsWith($"(see '{(help.StartsWith("sessionbrowser", StringComparison.Ordinal) ? help : "sessionbrowser " + help)}')", result.Error.Trim());
    }

    [Fact]
    public void An_unknown_list_status_is_an_error_listing_the_statuses_rows_show()
    {
        new StoreBuilder(_cli.Store).Add(TimeSpan.FromHours(1), "A session");

        var result = _cli.Run("list", "--status", "bogus");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: unknown status 'bogus' (use live, interrupted, paused, completed, crashed, damaged; active = live or interrupted)",
            result.Error.Trim());
    }

    [Fact]
    public void A_status_filter_matches_what_the_rows_show()
    {
        var builder = new StoreBuilder(_cli.Store);
        builder.Add(TimeSpan.FromHours(1), "Paused one");
        string interrupted = builder.Add(TimeSpan.FromHours(2), "Writer died", status: "active");

        var result = _cli.Run("list", "--status", "interrupted");
        var active = _cli.Run("list", "--status", "active");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(interrupted, result.Out);
        Assert.Contains("interrupted", result.Out);
        Assert.DoesNotContain("Paused one", result.Out);
        Assert.Contains(interrupted, active.Out);
    }

    [Fact]
    public void A_status_some_session_has_is_never_refused_even_if_unknown_to_us()
    {
        string id = new StoreBuilder(_cli.Store).Add(TimeSpan.FromHours(1), "Archived by a newer agent", status: "archived");

        var result = _cli.Run("list", "--status", "archived");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains(id, result.Out);
    }

    [Fact]
    public void An_unknown_tag_says_no_session_has_it()
    {
        new StoreBuilder(_cli.Store).Add(TimeSpan.FromHours(1), "Tagged", tags: ["docs"]);

        var unknown = _cli.Run("list", "--tag", "nosuch");
        var known = _cli.Run("list", "--tag", "docs");

        Assert.Equal(ExitCodes.Failure, unknown.ExitCode);
        Assert.Contains("no session has the tag 'nosuch'", unknown.Error);
        Assert.Equal(ExitCodes.Ok, known.ExitCode);
        Assert.Contains("Tagged", known.Out);
    }

    [Fact]
    public void An_unknown_cleanup_status_is_an_error_listing_the_valid_ones()
    {
        var result = _cli.Run("cleanup", "--status", "nope", "--older-than", "30d", "--dry-run");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: unknown status 'nope' (use completed, paused, crashed or any)", result.Error.Trim());
    }

    [Fact]
    public void An_unknown_search_status_is_an_error_listing_the_valid_ones()
    {
        var result = _cli.Run("search", "word", "status:bogus");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: unknown status 'bogus' (use active, paused, completed, crashed, live, interrupted, damaged)", result.Error.Trim());
    }
}
