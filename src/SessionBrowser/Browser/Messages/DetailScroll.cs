namespace SessionBrowser.Browser;

/// <summary>
/// Line arithmetic over the virtual message list. Positions are (message, line within it);
/// moving by N lines visits only the messages it passes, so a 100,000-message session scrolls at
/// the cost of the screen, not of the session. Line counts come from the laid-out pages in the
/// state (placeholders for the rest): nothing here reads a file or renders.
/// </summary>
public static class DetailScroll
{
    public static int Lines(DetailState d, int index) => MessageLayout.LineCount(d, index);

    /// <summary>The furthest the top may go: the last screenful ends at the last line.</summary>
    public static MessagePosition MaxTop(DetailState d, int height)
    {
        int remaining = height;
        for (int i = d.Count - 1; i >= 0; i--)
        {
            int n = Lines(d, i);
            if (n >= remaining) return new MessagePosition(i, n - remaining);
            remaining -= n;
        }
        return default;
    }

    public static MessagePosition Clamp(DetailState d, MessagePosition p, int height)
    {
        if (d.Count == 0) return default;
        int m = Math.Clamp(p.Message, 0, d.Count - 1);
        int line = Math.Clamp(p.Line, 0, Math.Max(0, Lines(d, m) - 1));
        var pos = new MessagePosition(m, line);
        var max = MaxTop(d, height);
        return Compare(pos, max) > 0 ? max : pos;
    }

    public static MessagePosition ScrollBy(DetailState d, MessagePosition p, int delta, int height)
    {
        if (d.Count == 0) return default;
        int m = Math.Clamp(p.Message, 0, d.Count - 1), line = p.Line + delta;
        while (line < 0 && m > 0)
        {
            m--;
            line += Lines(d, m);
        }
        if (line < 0) line = 0;
        while (m < d.Count - 1)
        {
            int n = Lines(d, m);
            if (line < n) break;
            line -= n;
            m++;
        }
        return Clamp(d, new MessagePosition(m, line), height);
    }

    /// <summary>Puts the message's header at the top (or as near as the end allows).</summary>
    public static MessagePosition TopOf(DetailState d, int message, int height) =>
        Clamp(d, new MessagePosition(message, 0), height);

    /// <summary>Whether any part of the message is on screen with the given top.</summary>
    public static bool IsVisible(DetailState d, MessagePosition top, int message, int height)
    {
        if (message < top.Message) return false;
        int rows = Lines(d, top.Message) - top.Line;
        for (int i = top.Message + 1; i <= message; i++)
        {
            if (rows >= height) return false;
            rows += Lines(d, i);
        }
        return true;
    }

    /// <summary>The message drawn on screen row <paramref name="row"/> of the body, if any.</summary>
    public static int? MessageAtRow(DetailState d, MessagePosition top, int row)
    {
        int m = top.Message, y = -top.Line;
        while (m < d.Count)
        {
            int n = Lines(d, m);
            if (row < y + n) return m;
            y += n;
            m++;
        }
        return null;
    }

    public static int Compare(MessagePosition a, MessagePosition b) =>
        a.Message != b.Message ? a.Message.CompareTo(b.Message) : a.Line.CompareTo(b.Line);
}
