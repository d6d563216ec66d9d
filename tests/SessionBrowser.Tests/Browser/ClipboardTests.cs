using SessionBrowser.Browser.Runtime;

namespace SessionBrowser.Tests.Browser;

/// <summary>Which clipboard program `y` uses besides OSC 52, by environment and what is installed.</summary>
public class ClipboardTests
{
    private static IReadOnlyList<Clipboard.Tool> For(Dictionary<string, string> env, params string[] installed) =>
        Clipboard.Candidates(name => env.GetValueOrDefault(name), program => installed.Contains(program) ? "/usr/bin/" + program : null);

    [Fact]
    public void Inside_tmux_its_buffer_comes_first_with_the_outer_clipboard_then_without()
    {
        var tools = For(new() { ["TMUX"] = "/tmp/tmux-1000/default,1,0", ["DISPLAY"] = ":0" }, "tmux", "xclip");
        Assert.Equal(["/usr/bin/tmux", "load-buffer", "-w", "-"], tools[0].Command);
        Assert.Equal(["/usr/bin/tmux", "load-buffer", "-"], tools[1].Command);
        Assert.Equal(["/usr/bin/xclip", "-selection", "clipboard"], tools[2].Command);
    }

    [Fact]
    public void Wayland_uses_wl_copy_and_x11_xclip_when_installed()
    {
        Assert.Equal("/usr/bin/wl-copy", Assert.Single(For(new() { ["WAYLAND_DISPLAY"] = "wayland-0" }, "wl-copy", "xclip")).Command[0]);
        Assert.Equal("/usr/bin/xclip", Assert.Single(For(new() { ["DISPLAY"] = ":0" }, "wl-copy", "xclip")).Command[0]);
    }

    [Fact]
    public void Nothing_fits_when_no_display_or_program_is_there()
    {
        Assert.Empty(For(new() { ["DISPLAY"] = ":0" }));             // xclip not installed
        Assert.Empty(For(new(), "tmux", "xclip", "wl-copy"));        // outside tmux, no display
    }
}
