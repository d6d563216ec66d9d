using SessionBrowser.Terminal;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

return TerminalSession.Run(session =>
{
    var loop = new EventLoop(session);
    string last = "none";
    loop.Run(e =>
    {
        last = e.ToString() ?? "";
        if (e is KeyEvent k && k.IsChar('x')) throw new InvalidOperationException("demo crash");
        return !(e is KeyEvent q && (q.IsChar('q') || q.IsCtrl('c')));
    }, buffer =>
    {
        buffer.SetString(0, 0, $"demo {buffer.Width}x{buffer.Height} 中文 😀", new Style(Fg: Color.Green).Bold());
        buffer.SetString(0, 1, "last: " + last);
        return null;
    });
    Console.WriteLine("clean stdout result");
    return 0;
});
