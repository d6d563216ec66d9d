namespace SessionBrowser.Browser;

/// <summary>
/// Line arithmetic over the virtual message list. Positions are (message, line within it);
/// moving by N lines reads only the messages it passes, so a 100,000-message session scrolls at
/// the cost of the screen, not of the session.
/// </summary>
public static class DetailScroll
{
    public static int Lines(DetailState d, MessageDocument doc, int index, int width) =>
        MessageLayout.LineCount(d, doc, index, width);

    /// <summary>The furthest the top may go: the last screenful ends at the last line.</summary>
    public static MessagePosition MaxTop(DetailState d, MessageDocument doc, int width, int height)
    {
        if (doc.Count == 0) return default;
        int remaining = height;
        for (int i = doc.Count - 1; i >= 0; i--)
        {
            int n = Lines(d, doc, i, width);
            if (n >= remaining) return new MessagePosition(i, n - remaining);
            remaining -= n;
        }
        return default;
    }

    public static MessagePosition Clamp(DetailState d, MessageDocument doc, MessagePosition p, int width, int height)
    {
        if (doc.Count == 0) return default;
        int m = Math.Clamp(p.Message, 0, doc.Count - 1);
        int line = Math.Clamp(p.Line, 0, Math.Max(0, Lines(d, doc, m, width) - 1));
        var pos = new MessagePosition(m, line);
        var max = MaxTop(d, doc, width, height);
        return Compare(pos, max) > 0 ? max : pos;
    }

    public static MessagePosition ScrollBy(DetailState d, MessageDocument doc, MessagePosition p, int delta, int width, int height)
    {
        if (doc.Count == 0) return default;
        int m = Math.Clamp(p.Message, 0, doc.Count - 1), line = p.Line + delta;
        while (line < 0 && m > 0)
        {
            m--;
            line += Lines(d, doc, m, width);
        }
        if (line < 0) line = 0;
        while (m < doc.Count - 1)
        {
            int n = Lines(d, doc, m, width);
            if (line < n) break;
            line -= n;
            m++;
        }
        return Clamp(d, doc, new MessagePosition(m, line), width, height);
    }

    /// <summary>Puts the message's header at the top (or as near as the end allows).</summary>
    public static MessagePosition TopOf(DetailState d, MessageDocument doc, int message, int width, int height) =>
        Clamp(d, doc, new MessagePosition(message, 0), width, height);

    /// <summary>Whether any part of the message is on screen with the given top.</summary>
    public static bool IsVisible(DetailState d, MessageDocument doc, MessagePosition top, int message, int width, int height)
    {
        if (message < top.Message) return false;
        int rows = Lines(d, doc, top.Message, width) - top.Line;
        for (int i = top.Message + 1; i <= message; i++)
        {
            if (rows >= height) return false;
            rows += Lines(d, doc, i, width);
        }
        return true;
    }

    /// <summary>The message drawn on screen row <paramref name="row"/> of the body, if any.</summary>
    public static int? MessageAtRow(DetailState d, MessageDocument doc, MessagePosition top, int row, int width)
    {
        int m = top.Message, y = -top.Line;
        while (m < doc.Count)
        {
            int n = Lines(d, doc, m, width);
            if (row < y + n) return m;
            y += n;
            m++;
        }
        return null;
    }

    public static int Compare(MessagePosition a, MessagePosition b) =>
        a.Message != b.Message ? a.Message.CompareTo(b.Message) : a.Line.CompareTo(b.Line);
}
