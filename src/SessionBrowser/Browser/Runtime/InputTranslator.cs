using SessionBrowser.Terminal.Input;

namespace SessionBrowser.Browser.Runtime;

/// <summary>Terminal input events to browser messages; keys become the chord names of <see cref="KeyMap"/>.</summary>
public static class InputTranslator
{
    public static Msg? ToMsg(InputEvent input, Func<DateTimeOffset> now) => input switch
    {
        KeyEvent key => KeyName(key) is { } name ? new KeyPressed(name) : null,
        PasteEvent paste => new Pasted(paste.Text),
        ResizeEvent resize => new Resized(resize.Width, resize.Height),
        TickEvent => new Tick(now()),
        MouseEvent { IsLeftClick: true } click => new MouseClicked(click.X, click.Y),
        MouseEvent { Action: MouseAction.Press, Button: MouseButton.WheelDown } wheel => new MouseWheel(wheel.X, wheel.Y, 3),
        MouseEvent { Action: MouseAction.Press, Button: MouseButton.WheelUp } wheel => new MouseWheel(wheel.X, wheel.Y, -3),
        _ => null,
    };

    /// <summary>"j", "G", "Ctrl+D", "Alt+x", "Enter", "BackTab", "Space", "F1" …; null for keys the browser has no name for.</summary>
    public static string? KeyName(KeyEvent key)
    {
        if (key.Key == Key.Char)
        {
            var text = key.Char.ToString();
            if (key.Ctrl) return "Ctrl+" + text.ToUpperInvariant();
            if (key.Alt) return "Alt+" + text;
            return text == " " ? "Space" : text;
        }
        return key.Key switch
        {
            Key.Tab when key.Shift => "BackTab",
            Key.Escape => "Esc",
            Key.Enter => "Enter",
            Key.Tab => "Tab",
            Key.Backspace => "Backspace",
            _ => key.Key.ToString(),
        };
    }
}
