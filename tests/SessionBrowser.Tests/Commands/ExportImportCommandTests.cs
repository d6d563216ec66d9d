using System.IO.Compression;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Tests.Commands;

public sealed class ExportImportCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _a;
    private readonly string _b;

    public ExportImportCommandTests()
    {
        _a = LifecycleFixtureStore.Add(_cli.Store, "alpha <b>bold</b>", messages: 3);
        _b = LifecycleFixtureStore.Add(_cli.Store, "beta", messages: 2);
    }

    public void Dispose() => _cli.Dispose();

    private string Other => Path.Combine(_cli.Folder, "other-store");
    private string Zip => Path.Combine(_cli.Folder, "out.zip");

    [Fact]
    public void Export_then_import_into_another_store()
    {
        var export = _cli.Run("export", _a, _b, "--out", Zip);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("Exported 2 sessions", export.Out);

        var import = _cli.RunRaw(["--store", Other, "import", Zip]);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains($"Imported {_a}", import.Out);
        var source = new NativeStore(_cli.Store);
        var target = new NativeStore(Other);
        Assert.Equal(File.ReadAllBytes(source.MessagesPath(_a)), File.ReadAllBytes(target.MessagesPath(_a)));
        Assert.Equal(File.ReadAllBytes(source.MessagesPath(_b)), File.ReadAllBytes(target.MessagesPath(_b)));

        var again = _cli.RunRaw(["--store", Other, "import", Zip]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("(the id was taken)", again.Out);
        Assert.Equal(4, target.List().Count);
    }

    [Fact]
    public void Export_never_overwrites_and_needs_out()
    {
        File.WriteAllText(Zip, "mine");
        var result = _cli.Run("export", _a, "--out", Zip);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error);
        Assert.Equal("mine", File.ReadAllText(Zip));

        var noOut = _cli.Run("export", _a);
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error);
    }

    [Fact]
    public void A_hostile_zip_is_refused_with_one_clear_line()
    {
        Assert.Equal(0, _cli.Run("export", _a, "--out", Zip).ExitCode);
        using (var zip = ZipFile.Open(Zip, ZipArchiveMode.Update))
        {
            using var s = zip.CreateEntry("sessions/../../../escape.txt").Open();
            s.WriteByte((byte)'x');
        }
        var result = _cli.RunRaw(["--store", Other, "import", Zip]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("was not imported", result.Error);
        Assert.Contains("leaves its folder", result.Error);
        Assert.False(Directory.Exists(Other) && Directory.EnumerateFileSystemEntries(Other).Any(e => !e.EndsWith("index.json", StringComparison.Ordinal)));
    }

    [Fact]
    public void Markdown_transcript_to_stdout()
    {
        var result = _cli.Run("export", _a, "--markdown");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# alpha <b>bold</b>", result.Out);
        Assert.Contains("### You", result.Out);
        Assert.Contains("### Assistant", result.Out);
        Assert.Contains("alpha <b>bold</b> message 3", result.Out);
    }

    [Fact]
    public void Html_transcript_to_a_file_is_escaped()
    {
        string page = Path.Combine(_cli.Folder, "a.html");
        var result = _cli.Run("export", _a, "--html", "--out", page);
        Assert.Equal(0, result.ExitCode);
        string html = File.ReadAllText(page);
        Assert.Contains("<title>alpha &lt;b&gt;bold&lt;/b&gt;</title>", html);
        Assert.DoesNotContain("<b>bold</b>", html);
    }

    [Fact]
    public void Transcript_of_two_sessions_or_both_formats_is_a_usage_error()
    {
        Assert.Equal(2, _cli.Run("export", _a, _b, "--markdown").ExitCode);
        Assert.Equal(2, _cli.Run("export", _a, "--markdown", "--html").ExitCode);
    }

    [Fact]
    public void Import_goes_to_the_default_store_never_into_the_demo_copy()
    {
        Assert.Equal(0, _cli.Run("export", _a, "--out", Zip).ExitCode);
        // A bundled demo exists and the default store is empty: list would show the demo copy.
        LifecycleFixtureStore.Add(_cli.DemoBundle, "demo session");
        var result = _cli.RunRaw(["import", Zip]);
        Assert.Equal(0, result.ExitCode);
        var standard = new NativeStore(Path.Combine(_cli.Home, ".kimi", "sessions"));
        Assert.Equal(_a, Assert.Single(standard.List()).Id);
    }
}
