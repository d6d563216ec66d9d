using System.Diagnostics;
using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// The terminal toolkit's renderer, in process: drawing a 200x60 screen of mixed CJK and ASCII
/// text into a buffer plus diffing it into escape sequences (target: median under 2 ms), and the
/// bytes a one-row change writes (target: under 1 KB). Prints its rows as a Markdown table.
/// </summary>
public static class RenderBenchmark
{
    private const int Width = 200, Height = 60, Warmups = 50, Runs = 200;

    public static void Run(TextWriter output)
    {
        var (fullMedian, fullBytes) = Measure(moveSelectionOnly: false);
        var (rowMedian, rowBytes) = Measure(moveSelectionOnly: true);
        output.WriteLine($"Render ({Runs} frames after {Warmups} warm-ups, median):");
        output.WriteLine();
        output.WriteLine("| scenario | median | bytes per frame | target | met |");
        output.WriteLine("|---|---:|---:|---|:-:|");
        output.WriteLine($"| render: full frame + diff, {Width}x{Height} CJK/ASCII | {fullMedian.TotalMilliseconds:F2} ms | {fullBytes:N0} | median < 2 ms | {(fullMedian.TotalMilliseconds < 2 ? "yes" : "no")} |");
        output.WriteLine($"| render: one-row change (selection moves) | {rowMedian.TotalMilliseconds:F2} ms | {rowBytes:N0} | < 1 KB written | {(rowBytes < 1024 ? "yes" : "no")} |");
    }

    /// <summary>
    /// Median time of draw + diff + encode per frame, and the largest frame in bytes. Either every
    /// frame has new text in every row, or only the selected row moves down by one.
    /// </summary>
    private static (TimeSpan Median, int MaxBytes) Measure(bool moveSelectionOnly)
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var frame = new Buffer(Width, Height);
        renderer.Render(Draw(frame, variant: 0, selected: 0));
        var times = new List<TimeSpan>();
        int maxBytes = 0;
        for (int i = 1; i <= Warmups + Runs; i++)
        {
            int variant = moveSelectionOnly ? 0 : i;
            var clock = Stopwatch.StartNew();
            var bytes = renderer.Render(Draw(frame, variant, selected: i % Height));
            clock.Stop();
            if (i <= Warmups) continue;
            times.Add(clock.Elapsed);
            maxBytes = Math.Max(maxBytes, bytes.Length);
        }
        times.Sort();
        return (times[times.Count / 2], maxBytes);
    }

    private static readonly string[] Words =
        ["session", "修复登录页面的错误", "parser", "日本語のテキスト", "refactor", "한국어 문장", "tests", "中文标题", "emoji", "docs"];

    private static readonly Style[] Styles =
    [
        Style.Plain, new(Fg: Color.Cyan), new(Fg: Color.Gray), new Style(Fg: Color.Rgb(255, 135, 0)).Bold(),
        new(Fg: Color.Indexed(110)), new Style().Italic(),
    ];

    /// <summary>A list-like screen: every row a mix of styled ASCII and CJK words; the selected row highlighted.</summary>
    private static Buffer Draw(Buffer frame, int variant, int selected)
    {
        frame.Clear();
        var highlight = new Style(Fg: Color.Black, Bg: Color.Cyan).Bold();
        for (int y = 0; y < Height; y++)
        {
            if (y == selected) frame.Fill(new Rect(0, y, Width, 1), highlight);
            int x = frame.SetString(0, y, $"{y + variant,5} ", Styles[2]);
            for (int w = 0; x < Width; w++)
                x = frame.SetString(x, y, Words[(y + w + variant) % Words.Length] + " ", Styles[(y + w) % Styles.Length]);
        }
        return frame;
    }
}
