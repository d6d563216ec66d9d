using System.Text;
using SessionBrowser.Terminal.Input;
using K = SessionBrowser.Terminal.Input.Key;

namespace SessionBrowser.Terminal.Tests.Input;

public class InputDecoderTests
{
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(1);

    private static List<InputEvent> Decode(string bytes) => new InputDecoder().Feed(Encoding.Latin1.GetBytes(bytes), T0);

    private static InputEvent Single(string bytes)
    {
        var events = Decode(bytes);
        Assert.Single(events);
        return events[0];
    }

    private static KeyEvent Key(Key key, KeyModifiers mods = KeyModifiers.None) => new(key, default, mods);

    [Theory]
    [InlineData("\e[A", K.Up)]
    [InlineData("\e[B", K.Down)]
    [InlineData("\e[C", K.Right)]
    [InlineData("\e[D", K.Left)]
    [InlineData("\eOA", K.Up)]
    [InlineData("\eOB", K.Down)]
    [InlineData("\eOC", K.Right)]
    [InlineData("\eOD", K.Left)]
    [InlineData("\e[H", K.Home)]
    [InlineData("\e[F", K.End)]
    [InlineData("\eOH", K.Home)]
    [InlineData("\eOF", K.End)]
    [InlineData("\e[1~", K.Home)]
    [InlineData("\e[7~", K.Home)]
    [InlineData("\e[4~", K.End)]
    [InlineData("\e[8~", K.End)]
    [InlineData("\e[2~", K.Insert)]
    [InlineData("\e[3~", K.Delete)]
    [InlineData("\e[5~", K.PageUp)]
    [InlineData("\e[6~", K.PageDown)]
    [InlineData("\eOP", K.F1)]
    [InlineData("\eOQ", K.F2)]
    [InlineData("\eOR", K.F3)]
    [InlineData("\eOS", K.F4)]
    [InlineData("\e[11~", K.F1)]
    [InlineData("\e[12~", K.F2)]
    [InlineData("\e[13~", K.F3)]
    [InlineData("\e[14~", K.F4)]
    [InlineData("\e[15~", K.F5)]
    [InlineData("\e[17~", K.F6)]
    [InlineData("\e[18~", K.F7)]
    [InlineData("\e[19~", K.F8)]
    [InlineData("\e[20~", K.F9)]
    [InlineData("\e[21~", K.F10)]
    [InlineData("\e[23~", K.F11)]
    [InlineData("\e[24~", K.F12)]
    [InlineData("\r", K.Enter)]
    [InlineData("\n", K.Enter)]
    [InlineData("\eOM", K.Enter)]
    [InlineData("\t", K.Tab)]
    [InlineData("\x7f", K.Backspace)]
    public void Named_keys(string bytes, Key key) => Assert.Equal(Key(key), Single(bytes));

    [Theory]
    [InlineData("\e[1;2A", K.Up, KeyModifiers.Shift)]
    [InlineData("\e[1;3B", K.Down, KeyModifiers.Alt)]
    [InlineData("\e[1;5C", K.Right, KeyModifiers.Ctrl)]
    [InlineData("\e[1;6D", K.Left, KeyModifiers.Ctrl | KeyModifiers.Shift)]
    [InlineData("\e[1;7H", K.Home, KeyModifiers.Ctrl | KeyModifiers.Alt)]
    [InlineData("\e[1;8F", K.End, KeyModifiers.Ctrl | KeyModifiers.Alt | KeyModifiers.Shift)]
    [InlineData("\e[3;5~", K.Delete, KeyModifiers.Ctrl)]
    [InlineData("\e[5;2~", K.PageUp, KeyModifiers.Shift)]
    [InlineData("\e[1;2P", K.F1, KeyModifiers.Shift)]
    [InlineData("\e[15;5~", K.F5, KeyModifiers.Ctrl)]
    [InlineData("\e[24;3~", K.F12, KeyModifiers.Alt)]
    [InlineData("\eO5A", K.Up, KeyModifiers.Ctrl)]
    [InlineData("\e[Z", K.Tab, KeyModifiers.Shift)]
    [InlineData("\b", K.Backspace, KeyModifiers.Ctrl)]
    [InlineData("\e\x7f", K.Backspace, KeyModifiers.Alt)]
    [InlineData("\e\r", K.Enter, KeyModifiers.Alt)]
    [InlineData("\e[13;5u", K.Enter, KeyModifiers.Ctrl)]
    public void Modified_keys(string bytes, Key key, KeyModifiers mods) => Assert.Equal(Key(key, mods), Single(bytes));

    [Theory]
    [InlineData("\x01", 'a')]
    [InlineData("\x03", 'c')]
    [InlineData("\x1a", 'z')]
    [InlineData("\x12", 'r')]
    [InlineData("\x00", ' ')]
    [InlineData("\x1c", '\\')]
    [InlineData("\x1f", '_')]
    public void Control_characters_are_ctrl_keys(string bytes, char c) => Assert.Equal(KeyEvent.Of(c, KeyModifiers.Ctrl), Single(bytes));

    [Fact]
    public void Printable_ascii_is_a_char_each()
    {
        var events = Decode("jk/ Q");
        Assert.Equal(["j", "k", "/", " ", "Q"], events.Cast<KeyEvent>().Select(e => e.Char.ToString()));
        Assert.True(((KeyEvent)events[0]).IsChar('j'));
    }

    [Theory]
    [InlineData("\ej", 'j', KeyModifiers.Alt)]
    [InlineData("\eJ", 'J', KeyModifiers.Alt)]
    [InlineData("\e\x01", 'a', KeyModifiers.Alt | KeyModifiers.Ctrl)]
    [InlineData("\e[97;3u", 'a', KeyModifiers.Alt)]
    public void Alt_is_an_esc_prefix(string bytes, char c, KeyModifiers mods) => Assert.Equal(KeyEvent.Of(c, mods), Single(bytes));

    [Fact]
    public void Utf8_characters_decode_to_runes()
    {
        var events = new InputDecoder().Feed("é中😀"u8, T0);
        Assert.Equal(["é", "中", "😀"], events.Cast<KeyEvent>().Select(e => e.Char.ToString()));
    }

    [Fact]
    public void Utf8_split_across_reads_waits_for_the_rest()
    {
        var decoder = new InputDecoder();
        var bytes = "中😀"u8.ToArray();
        Assert.Empty(decoder.Feed(bytes.AsSpan(0, 1), T0));
        Assert.Empty(decoder.Feed(bytes.AsSpan(1, 1), T0));
        var first = decoder.Feed(bytes.AsSpan(2, 2), T0);
        Assert.Equal("中", ((KeyEvent)Assert.Single(first)).Char.ToString());
        Assert.Empty(decoder.Feed(bytes.AsSpan(4, 2), T0));
        var second = decoder.Feed(bytes.AsSpan(6), T0);
        Assert.Equal("😀", ((KeyEvent)Assert.Single(second)).Char.ToString());
    }

    [Fact]
    public void Alt_with_a_utf8_character()
    {
        var events = new InputDecoder().Feed("\eé"u8, T0);
        Assert.Equal(new KeyEvent(K.Char, new Rune('é'), KeyModifiers.Alt), Assert.Single(events));
    }

    [Fact]
    public void Invalid_utf8_bytes_are_skipped()
    {
        var events = new InputDecoder().Feed([0x80, 0xff, (byte)'a'], T0);
        Assert.Equal(KeyEvent.Of('a'), Assert.Single(events));
    }

    [Fact]
    public void Lone_escape_waits_then_becomes_escape_after_the_timeout()
    {
        var decoder = new InputDecoder(TimeSpan.FromMilliseconds(50));
        Assert.Empty(decoder.Feed("\e"u8, T0));
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(50), decoder.Deadline);
        Assert.Empty(decoder.Tick(T0 + TimeSpan.FromMilliseconds(20)));
        Assert.Equal(Key(K.Escape), Assert.Single(decoder.Tick(T0 + TimeSpan.FromMilliseconds(50))));
        Assert.Null(decoder.Deadline);
    }

    [Fact]
    public void Escape_then_key_within_the_timeout_is_alt_key()
    {
        var decoder = new InputDecoder(TimeSpan.FromMilliseconds(50));
        Assert.Empty(decoder.Feed("\e"u8, T0));
        Assert.Equal(KeyEvent.Of('x', KeyModifiers.Alt), Assert.Single(decoder.Feed("x"u8, T0 + TimeSpan.FromMilliseconds(10))));
    }

    [Fact]
    public void Escape_then_key_after_the_timeout_is_two_keys()
    {
        var decoder = new InputDecoder(TimeSpan.FromMilliseconds(50));
        decoder.Feed("\e"u8, T0);
        Assert.Equal(Key(K.Escape), Assert.Single(decoder.Tick(T0 + TimeSpan.FromMilliseconds(60))));
        Assert.Equal(KeyEvent.Of('x'), Assert.Single(decoder.Feed("x"u8, T0 + TimeSpan.FromMilliseconds(70))));
    }

    [Fact]
    public void Sequence_split_across_reads_is_joined()
    {
        var decoder = new InputDecoder();
        Assert.Empty(decoder.Feed("\e["u8, T0));
        Assert.Empty(decoder.Feed("1;5"u8, T0));
        Assert.Equal(Key(K.Up, KeyModifiers.Ctrl), Assert.Single(decoder.Feed("A"u8, T0)));
    }

    [Fact]
    public void Esc_bracket_at_the_timeout_is_alt_bracket()
    {
        var decoder = new InputDecoder();
        decoder.Feed("\e["u8, T0);
        Assert.Equal(KeyEvent.Of('[', KeyModifiers.Alt), Assert.Single(decoder.Tick(T0 + TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void Two_escapes_are_two_escape_keys()
    {
        var decoder = new InputDecoder();
        var events = decoder.Feed("\e\e"u8, T0);
        events.AddRange(decoder.Tick(T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal([Key(K.Escape), Key(K.Escape)], events);
    }

    [Fact]
    public void Several_keys_in_one_read()
    {
        var events = Decode("a\e[Bb\eOAc\r");
        Assert.Equal([KeyEvent.Of('a'), Key(K.Down), KeyEvent.Of('b'), Key(K.Up), KeyEvent.Of('c'), Key(K.Enter)], events);
    }

    [Theory]
    [InlineData("\e[<0;1;1M", MouseAction.Press, MouseButton.Left, 0, 0, KeyModifiers.None)]
    [InlineData("\e[<0;10;5m", MouseAction.Release, MouseButton.Left, 9, 4, KeyModifiers.None)]
    [InlineData("\e[<1;3;4M", MouseAction.Press, MouseButton.Middle, 2, 3, KeyModifiers.None)]
    [InlineData("\e[<2;3;4M", MouseAction.Press, MouseButton.Right, 2, 3, KeyModifiers.None)]
    [InlineData("\e[<32;20;7M", MouseAction.Drag, MouseButton.Left, 19, 6, KeyModifiers.None)]
    [InlineData("\e[<35;20;7M", MouseAction.Move, MouseButton.None, 19, 6, KeyModifiers.None)]
    [InlineData("\e[<64;5;5M", MouseAction.Press, MouseButton.WheelUp, 4, 4, KeyModifiers.None)]
    [InlineData("\e[<65;5;5M", MouseAction.Press, MouseButton.WheelDown, 4, 4, KeyModifiers.None)]
    [InlineData("\e[<66;5;5M", MouseAction.Press, MouseButton.WheelLeft, 4, 4, KeyModifiers.None)]
    [InlineData("\e[<16;1;1M", MouseAction.Press, MouseButton.Left, 0, 0, KeyModifiers.Ctrl)]
    [InlineData("\e[<4;1;1M", MouseAction.Press, MouseButton.Left, 0, 0, KeyModifiers.Shift)]
    [InlineData("\e[<8;1;1M", MouseAction.Press, MouseButton.Left, 0, 0, KeyModifiers.Alt)]
    [InlineData("\e[<0;300;120M", MouseAction.Press, MouseButton.Left, 299, 119, KeyModifiers.None)]
    public void Sgr_mouse(string bytes, MouseAction action, MouseButton button, int x, int y, KeyModifiers mods) =>
        Assert.Equal(new MouseEvent(action, button, x, y, mods), Single(bytes));

    [Fact]
    public void X10_mouse_fallback()
    {
        Assert.Equal(new MouseEvent(MouseAction.Press, MouseButton.Left, 4, 2), Single("\e[M\x20\x25\x23"));
        Assert.Equal(new MouseEvent(MouseAction.Release, MouseButton.None, 4, 2), Single("\e[M\x23\x25\x23"));
    }

    [Fact]
    public void Mouse_split_across_reads()
    {
        var decoder = new InputDecoder();
        Assert.Empty(decoder.Feed("\e[<0;1"u8, T0));
        Assert.Equal(new MouseEvent(MouseAction.Press, MouseButton.Left, 0, 11), Assert.Single(decoder.Feed(";12M"u8, T0)));
    }

    [Fact]
    public void Bracketed_paste_is_one_event_with_newlines_normalised()
    {
        var events = new InputDecoder().Feed("x\e[200~hello\r\nworld \e[A 中\e[201~y"u8, T0);
        Assert.Equal([KeyEvent.Of('x'), new PasteEvent("hello\nworld \e[A 中"), KeyEvent.Of('y')], events);
    }

    [Fact]
    public void Bracketed_paste_split_across_reads_even_inside_the_end_marker()
    {
        var decoder = new InputDecoder();
        Assert.Empty(decoder.Feed("\e[200~abc"u8, T0));
        Assert.Empty(decoder.Feed("def\e[20"u8, T0));
        Assert.Null(decoder.Deadline); // a paste never times out into keys
        Assert.Equal(new PasteEvent("abcdef"), Assert.Single(decoder.Feed("1~"u8, T0)));
    }

    [Fact]
    public void Bracketed_paste_over_the_cap_is_truncated_and_the_rest_skipped()
    {
        var decoder = new InputDecoder(pasteLimit: 10);
        Assert.Empty(decoder.Feed(Encoding.UTF8.GetBytes("\e[200~" + new string('a', 8)), T0));
        Assert.Empty(decoder.Feed(Encoding.UTF8.GetBytes(new string('b', 100)), T0));
        var events = decoder.Feed("\e[201~q"u8, T0);
        Assert.Equal([new PasteEvent("aaaaaaaabb", Truncated: true), KeyEvent.Of('q')], events);
    }

    [Theory]
    [InlineData("\e[?1;2c")]      // device attributes reply
    [InlineData("\e[I")]          // focus in
    [InlineData("\e[O")]          // focus out
    [InlineData("\e[99~")]        // unknown tilde key
    [InlineData("\e[1 q")]        // intermediate byte
    [InlineData("\e[201~")]       // a stray paste end
    [InlineData("\e[<0;1M")]      // mouse with a missing field
    public void Unknown_sequences_are_swallowed(string bytes) => Assert.Empty(Decode(bytes));

    [Fact]
    public void Unknown_sequence_does_not_eat_the_following_key()
    {
        Assert.Equal([KeyEvent.Of('a')], Decode("\e[?1;2ca"));
    }

    [Fact]
    public void Broken_sequence_resyncs_at_the_stray_byte()
    {
        // A control byte inside a CSI ends it; the byte itself is a key again.
        Assert.Equal([KeyEvent.Of('c', KeyModifiers.Ctrl)], Decode("\e[12\x03"));
    }

    [Fact]
    public void Overlong_sequence_is_dropped_without_waiting_forever()
    {
        var decoder = new InputDecoder();
        Assert.Empty(decoder.Feed(Encoding.Latin1.GetBytes("\e[" + new string('1', 100)), T0));
        Assert.Equal([KeyEvent.Of('a')], decoder.Feed("1~a"u8, T0).Concat(decoder.Tick(T0 + TimeSpan.FromSeconds(1))).ToList());
    }

    [Fact]
    public void Incomplete_sequence_at_the_timeout_is_dropped_not_typed()
    {
        var decoder = new InputDecoder();
        decoder.Feed("\e[1;5"u8, T0);
        Assert.Empty(decoder.Tick(T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal([KeyEvent.Of('a')], decoder.Feed("a"u8, T0 + TimeSpan.FromSeconds(2)));
    }
}
