using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;
using SessionBrowser.Terminal.Testing;

namespace SessionBrowser.Terminal.Tests;

public class EventLoopTests
{
    /// <summary>A loop that never ends would hang the whole test run: each test fails after this instead.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static void Within(Action test)
    {
        var run = Task.Run(test);
        Assert.True(run.Wait(Limit), $"the event loop did not finish within {Limit.TotalSeconds} s");
    }

    [Fact]
    public void Keys_update_state_and_each_batch_draws_one_frame()
    {
        var terminal = new TestTerminal(20, 3);
        var loop = new EventLoop(terminal);
        int count = 0;
        var seen = new List<object>();
        terminal.SendText("jjj");
        terminal.SendText("\e[A");
        terminal.Post("from a worker");
        terminal.Close();
        Within(() => loop.Run(
            update: e =>
            {
                seen.Add(e);
                if (e is KeyEvent k && k.IsChar('j')) count++;
                if (e is KeyEvent { Key: Key.Up }) count += 10;
                return true;
            },
            view: buffer => { buffer.SetString(0, 0, $"count {count}"); return null; }));
        Assert.Equal(13, count);
        Assert.Contains("from a worker", seen);
        Assert.Equal("count 13\n\n\n", terminal.ScreenText());
        Assert.Equal(2, terminal.FramesDrawn); // the first frame, then one for the whole burst
    }

    [Fact]
    public void A_lone_escape_arrives_after_the_timeout()
    {
        var terminal = new TestTerminal(10, 2);
        var loop = new EventLoop(terminal);
        terminal.SendText("\e");
        // No further input arrives: the ESC timeout alone must turn it into the Escape key.
        Assert.Equal(new KeyEvent(Key.Escape), loop.Next(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Resize_reaches_the_program_and_the_next_frame_has_the_new_size()
    {
        var terminal = new TestTerminal(10, 2);
        var loop = new EventLoop(terminal);
        terminal.Resize(15, 3);
        terminal.SendText("q");
        var events = new List<object>();
        Within(() => loop.Run(e => { events.Add(e); return e is not KeyEvent; }, b => { b.SetString(0, 2, new string('x', b.Width)); return null; }));
        Assert.Equal(new ResizeEvent(15, 3), events[0]);
        Assert.Equal("\n\nxxxxxxxxxxxxxxx\n", terminal.ScreenText());
    }

    [Fact]
    public void Ctrl_z_suspends_instead_of_reaching_the_program()
    {
        var terminal = new TestTerminal(10, 2);
        var loop = new EventLoop(terminal);
        terminal.SendText("\x1aq");
        Assert.Equal(KeyEvent.Of('q'), loop.Next(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, terminal.SuspendCount);
    }

    [Fact]
    public void Ticks_arrive_when_idle()
    {
        var terminal = new TestTerminal(10, 2);
        var loop = new EventLoop(terminal) { TickInterval = TimeSpan.FromMilliseconds(10) };
        Assert.IsType<TickEvent>(loop.Next(TimeSpan.FromSeconds(1)));
        Assert.IsType<TickEvent>(loop.Next(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Closed_terminal_ends_the_loop()
    {
        var terminal = new TestTerminal(10, 2);
        terminal.Close();
        Within(() => new EventLoop(terminal).Run(_ => true, _ => null));
    }
}
