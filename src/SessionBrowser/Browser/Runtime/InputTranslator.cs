using SessionBrowser.Browser.Input;
using SessionBrowser.Terminal.Input;

namespace SessionBrowser.Browser.Runtime;

/// <summary>Terminal input events to browser messages; keys are decoded once into chords.</summary>
public static class InputTranslator
{
    public static Msg? ToMsg(InputEvent input, Func<DateTimeOffset> now) => input switch
    {
        KeyEvent key => new KeyPressed(Chord.From(key)),
        PasteEvent paste => new Pasted(paste.Text),
        ResizeEvent resize => new Resized(resize.Width, resize.Height),
        TickEvent => new Tick(now()),
        MouseEvent { IsLeftClick: true } click => new MouseClicked(click.X, click.Y),
        MouseEvent { Action: MouseAction.Press, Button: MouseButton.WheelDown } wheel => new MouseWheel(wheel.X, wheel.Y, 3),
        MouseEvent { Action: MouseAction.Press, Button: MouseButton.WheelUp } wheel => new MouseWheel(wheel.X, wheel.Y, -3),
        _ => null,
    };
}
