using SessionBrowser.Terminal;
using SessionBrowser.Terminal.Demo;

// The toolkit demo: a filterable list on the toolkit alone. Quitting with q prints the selected
// item on stdout (the screen is drawn on /dev/tty, so `demo > file` works like a picker).
var app = new DemoApp();
int code = TerminalSession.Run(session =>
{
    var loop = new EventLoop(session) { TickInterval = TimeSpan.FromMilliseconds(100) };
    loop.Run(app.Update, app.View);
    return app.Result is null ? 1 : 0;
});
if (app.Result is not null) Console.WriteLine("selected: " + app.Result);
return code;
