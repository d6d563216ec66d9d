using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class CleanupSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lifecycle-settings-").FullName;
    private string File(string json)
    {
        string path = Path.Combine(_dir, "config.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Missing_file_or_section_gives_the_default()
    {
        Assert.Equal(RetentionPolicy.Default, CleanupSettings.Load(Path.Combine(_dir, "none.json")));
        Assert.Equal(RetentionPolicy.Default, CleanupSettings.Load(File("""{"browser": {"theme": "dark"}}""")));
    }

    [Fact]
    public void Fields_override_the_default_and_null_switches_a_limit_off()
    {
        var policy = CleanupSettings.Load(File("""{"cleanup": {"older_than": "2w", "max_count": 50, "status": "any"}}"""));
        Assert.Equal(new RetentionPolicy { OlderThan = new RetentionDuration(2, 'w'), MaxCount = 50, Status = null }, policy);

        var countOnly = CleanupSettings.Load(File("""{"cleanup": {"older_than": null, "max_count": 10}}"""));
        Assert.Null(countOnly.OlderThan);
        Assert.Equal(10, countOnly.MaxCount);
        Assert.Equal("completed", countOnly.Status);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("""{"cleanup": 3}""", "must be an object")]
    [InlineData("""{"cleanup": {"older_than": "0d"}}""", "greater than 0")]
    [InlineData("""{"cleanup": {"older_than": "30 days"}}""", "invalid duration")]
    [InlineData("""{"cleanup": {"older_than": 30}}""", "invalid duration")]
    [InlineData("""{"cleanup": {"max_count": "ten"}}""", "whole number")]
    [InlineData("""{"cleanup": {"max_count": 0}}""", "at least 1")]
    [InlineData("""{"cleanup": {"older_than": null}}""", "needs an age")]
    [InlineData("""{"cleanup": {"olderThan": "30d"}}""", "unknown cleanup setting")]
    [InlineData("""{"cleanup": {"status": 1}}""", "status")]
    public void Invalid_settings_are_errors_naming_the_file(string json, string reason)
    {
        string path = File(json);
        var error = Assert.Throws<InvalidDataException>(() => CleanupSettings.Load(path));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Path_follows_xdg_config_home()
    {
        Assert.Equal("/cfg/sessionbrowser/config.json", CleanupSettings.DefaultPath(n => n == "XDG_CONFIG_HOME" ? "/cfg" : null));
        Assert.Equal("/home/u/.config/sessionbrowser/config.json", CleanupSettings.DefaultPath(n => n == "HOME" ? "/home/u" : null));
        Assert.Equal("/home/u/.config/sessionbrowser/config.json", CleanupSettings.DefaultPath(n => n switch { "HOME" => "/home/u", "XDG_CONFIG_HOME" => "relative", _ => null }));
    }
}
