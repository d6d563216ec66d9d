using SessionBrowser.Commands;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>Issue 14, item 19: odd arguments are usage errors that say what is wrong, never a type name or another store.</summary>
public sealed class BadArgumentTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("--limit must be a positive number, not 'abc'", "list", "--limit", "abc")]
    [InlineData("--limit is at most 2147483647", "list", "--limit", "99999999999")]
    [InlineData("--step must be at least 0, not 'abc'", "restore", "ID", "--step", "abc")]
    [InlineData("--out is empty", "export", "ID", "--markdown", "--out", "")]
    public void Is_a_usage_error_naming_the_option(string message, params string[] args)
    {
        string id = new StoreBuilder(_cli.Store).Add(TimeSpan.FromHours(1), "one");

        var result = _cli.Run([.. args.Select(a => a == "ID" ? id : a)]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Fact]
    public void An_empty_store_option_is_an_error_not_the_demo_store()
    {
        Directory.CreateDirectory(_cli.DemoBundle);

        var result = _cli.RunRaw(["--store", "", "list"]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--store is empty", result.Error);
    }
}
