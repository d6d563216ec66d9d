using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Commands.Output;

namespace SessionBrowser.Tests.Commands;

/// <summary>The command framework: help, usage errors, exit codes, store selection, JSON output.</summary>
public sealed class CliTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Help_lists_every_registered_command()
    {
        var result = _cli.RunRaw(["--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var context = new CliContext(TextWriter.Null, TextWriter.Null, new CliHost { HomeDirectory = _cli.Home, CacheDirectory = _cli.Cache });
        foreach (var create in CommandRegistry.Commands)
            Assert.Contains("  " + create(context).Name, result.Out);
        Assert.Contains("--store", result.Out);
    }

    [Fact]
    public void Command_help_shows_its_options()
    {
        var result = _cli.RunRaw(["list", "--help"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--status", result.Out);
        Assert.Contains("--limit", result.Out);
    }

    [Theory]
    [InlineData("list", "--bogus")]
    [InlineData("no-such-command")]
    [InlineData("list", "--limit", "0")]
    [InlineData("list", "--limit", "many")]
    [InlineData("--source", "nowhere", "list")]
    [InlineData("show")]
    public void Bad_usage_is_exit_2_with_one_line_on_stderr(params string[] args)
    {
        var result = _cli.Run(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.Out);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
    }

    [Fact]
    public void A_given_store_that_does_not_exist_is_a_failure_not_an_empty_list()
    {
        var result = _cli.RunRaw(["--store", Path.Combine(_cli.Folder, "missing"), "list"]);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"error: no session store at {Path.Combine(_cli.Folder, "missing")}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_environment_variable_names_the_store_when_the_option_is_absent()
    {
        string missing = Path.Combine(_cli.Folder, "from-env");
        _cli.Environment[StoreLocator.EnvironmentVariable] = missing;

        var result = _cli.RunRaw(["list"]);

        Assert.Contains(missing, result.Error);
    }

    [Fact]
    public void Json_keeps_cjk_and_emoji_readable_and_escapes_only_what_json_needs()
    {
        var output = new StringWriter();
        using (var json = JsonOutput.Open(output))
        {
            json.Writer.WriteStartObject();
            json.Writer.WriteString("title", "修复登录 🐛 <b>&'\"\\\n\u0007");
            json.Writer.WriteEndObject();
        }

        string text = output.ToString();
        Assert.Contains("修复登录 🐛 <b>&'\\\"\\\\\\n\\u0007", text);
        Assert.Equal("修复登录 🐛 <b>&'\"\\\n\u0007", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
    }
}
