using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SessionBrowser.Terminal.Rendering;
using MdTable = Markdig.Extensions.Tables.Table;

namespace SessionBrowser.Markdown;

/// <summary>
/// Markdig's syntax tree to styled lines for a given width. Prose wraps by cells; code blocks
/// never wrap (a cut line ends in "…" and can be shifted sideways, see <see cref="SideScroll"/>); tables are
/// aligned by cell width. The text is sanitized first: session content is data.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    public static IReadOnlyList<Line> Render(string? markdown, int width)
    {
        width = Math.Max(4, width);
        var text = SessionText.Sanitize(markdown);
        var lines = new List<Line>();
        if (text.Length == 0) return lines;
        MarkdownDocument doc;
        try { doc = Markdig.Markdown.Parse(text, Pipeline); }
        catch (Exception) { return SpanText.Wrap([new Span(text)], width); }   // never let odd input break the view
        new Walker().Container(doc, width, lines);
        return lines;
    }

    /// <summary>
    /// Text shown as it is (tool output, logs): its own line breaks kept, long lines wrapped,
    /// nothing interpreted as Markdown. Sanitized like everything else.
    /// </summary>
    public static IReadOnlyList<Line> RenderPlain(string? text, int width, Style style = default)
    {
        width = Math.Max(4, width);
        var clean = SessionText.Sanitize(text).TrimEnd('\n');
        var lines = new List<Line>();
        if (clean.Length == 0) return lines;
        foreach (var line in clean.Split('\n'))
            lines.AddRange(SpanText.Wrap([new Span(line, style)], width));
        return lines;
    }

    private sealed class Walker
    {
        private int _listDepth;

        public void Container(ContainerBlock container, int width, List<Line> output, bool tight = false)
        {
            bool first = true;
            foreach (var block in container)
            {
                if (block is LinkReferenceDefinitionGroup or BlankLineBlock) continue;
                if (!first && !tight) output.Add(Line.Empty);
                first = false;
                Block(block, width, output);
            }
        }

        private void Block(Block block, int width, List<Line> output)
        {
            switch (block)
            {
                case HeadingBlock heading: Heading(heading, width, output); break;
                case ParagraphBlock paragraph: output.AddRange(SpanText.Wrap(Inlines(paragraph.Inline, default), width)); break;
                case MdTable table: Table(table, width, output); break;
                case CodeBlock code: CodeBox(code, width, output); break;
                case ListBlock list: List(list, width, output); break;
                case QuoteBlock quote: Quote(quote, width, output); break;
                case ThematicBreakBlock: output.Add(Line.Of(new string('─', width), MarkdownStyles.Rule)); break;
                case HtmlBlock html: foreach (var l in BlockLines(html)) output.AddRange(SpanText.Wrap([new Span(l, MarkdownStyles.Html)], width)); break;
                case ContainerBlock other: Container(other, width, output); break;
                case LeafBlock leaf: foreach (var l in BlockLines(leaf)) output.AddRange(SpanText.Wrap([new Span(l)], width)); break;
            }
        }

        private void Heading(HeadingBlock heading, int width, List<Line> output)
        {
            var style = MarkdownStyles.Heading(heading.Level);
            var spans = new List<Span> { new(new string('#', heading.Level) + " ", MarkdownStyles.HeadingMarker) };
            spans.AddRange(Inlines(heading.Inline, style));
            output.AddRange(SpanText.Wrap(spans, width));
        }

        private void List(ListBlock list, int width, List<Line> output)
        {
            int number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
            string bullet = (_listDepth % 3) switch { 0 => "•", 1 => "◦", _ => "▪" };
            int markerWidth = list.IsOrdered ? $"{number + list.Count - 1}.".Length + 1 : 2;
            _listDepth++;
            bool firstItem = true;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (!firstItem && list.IsLoose) output.Add(Line.Empty);
                firstItem = false;
                var marker = list.IsOrdered
                    ? new Span($"{number}.".PadRight(markerWidth), MarkdownStyles.Bullet)
                    : new Span(bullet + " ", MarkdownStyles.Bullet);
                number++;
                int indent = markerWidth;
                if (TaskOf(item) is { } task)
                {
                    marker = task.Checked ? new Span("[✓] ", MarkdownStyles.TaskDone) : new Span("[ ] ", MarkdownStyles.TaskOpen);
                    indent = 4;
                }
                var body = new List<Line>();
                Container(item, width - indent, body, tight: !list.IsLoose);
                if (body.Count == 0) body.Add(Line.Empty);
                var pad = new Span(new string(' ', indent));
                for (int i = 0; i < body.Count; i++)
                    output.Add(Prefixed(i == 0 ? marker : pad, body[i]));
            }
            _listDepth--;
        }

        private static TaskList? TaskOf(ListItemBlock item) =>
            item.Count > 0 && item[0] is ParagraphBlock { Inline.FirstChild: TaskList task } ? task : null;

        private void Quote(QuoteBlock quote, int width, List<Line> output)
        {
            var body = new List<Line>();
            Container(quote, width - 2, body);
            var bar = new Span("│ ", MarkdownStyles.QuoteBar);
            foreach (var line in body)
                output.Add(new Line([bar, .. line.Spans.Select(s => s with { Style = MarkdownStyles.Quote.Patch(s.Style) })]));
        }

        private static Line Prefixed(Span prefix, Line line) => new([prefix, .. line.Spans]);

        private static IEnumerable<string> BlockLines(LeafBlock block)
        {
            var lines = block.Lines;
            for (int i = 0; i < lines.Count; i++) yield return lines.Lines[i].Slice.ToString();
        }

        /// <summary>A box with the language on its top edge; lines are cut, never wrapped.</summary>
        private static void CodeBox(CodeBlock code, int width, List<Line> output)
        {
            var lines = BlockLines(code).ToList();
            string language = code is FencedCodeBlock fenced ? SessionText.OneLine(fenced.Info) : "";
            if (width < 8)
            {
                foreach (var l in lines) output.Add(new Line(SpanText.Fit([new Span(l, MarkdownStyles.CodeText)], width, MarkdownStyles.CodeText)));
                return;
            }
            int contentWidth = lines.Count == 0 ? 0 : lines.Max(CellWidth.Of);
            int labelWidth = language.Length == 0 ? 0 : CellWidth.Of(language) + 2;
            int boxWidth = Math.Min(width, Math.Max(contentWidth + 4, labelWidth + 4));
            int inner = boxWidth - 4;

            var top = new LineBuilder().Add("╭─", MarkdownStyles.CodeBorder);
            if (language.Length > 0)
                top.Add(SpanText.Truncate([new Span(" " + language + " ", MarkdownStyles.CodeLabel)], boxWidth - 3));
            top.Add(new string('─', Math.Max(0, boxWidth - 1 - top.Width)), MarkdownStyles.CodeBorder).Add("╮", MarkdownStyles.CodeBorder);
            output.Add(top.Build());
            // Each line keeps all its text: the messages pane shifts a cut one sideways (Shift+←/→).
            foreach (var l in lines)
            {
                var row = new SideScroll(
                    [new Span("│", MarkdownStyles.CodeBorder), new Span(" ", MarkdownStyles.CodeText)], [new Span(l, MarkdownStyles.CodeText)],
                    [new Span(" ", MarkdownStyles.CodeText), new Span("│", MarkdownStyles.CodeBorder)],
                    inner, MarkdownStyles.CodeText, MarkdownStyles.Clipped.WithBg(MarkdownStyles.CodeText.Bg));
                output.Add(row.At(0));
            }
            output.Add(Line.Of("╰" + new string('─', boxWidth - 2) + "╯", MarkdownStyles.CodeBorder));
        }

        private void Table(MdTable table, int width, List<Line> output)
        {
            var rows = table.OfType<TableRow>().ToList();
            int columns = Math.Max(table.ColumnDefinitions.Count, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
            if (columns == 0) return;
            var cells = rows.Select(r =>
            {
                var row = new List<Span>[columns];
                for (int c = 0; c < columns; c++) row[c] = [];
                int col = -1;
                foreach (var cell in r.OfType<TableCell>())
                {
                    // Pipe tables leave ColumnIndex unset; cells come in column order.
                    col = Math.Min(col + 1, columns - 1);
                    var style = r.IsHeader ? MarkdownStyles.TableHeader : default;
                    foreach (var para in cell.OfType<ParagraphBlock>())
                        row[col].AddRange(Inlines(para.Inline, style).Select(s => s with { Text = s.Text.Replace('\n', ' ') }));
                }
                return row;
            }).ToList();

            var widths = new int[columns];
            foreach (var row in cells)
                for (int c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], Math.Max(1, SpanText.Width(row[c])));
            // Borders take 3 cells per column plus one; shrink the widest column until it fits.
            while (widths.Sum() + 3 * columns + 1 > width)
            {
                int widest = Array.IndexOf(widths, widths.Max());
                if (widths[widest] <= 3) break;
                widths[widest]--;
            }

            Line Border(char left, char mid, char right) =>
                Line.Of(left + string.Join(mid, widths.Select(w => new string('─', w + 2))) + right, MarkdownStyles.TableBorder);

            output.Add(Border('┌', '┬', '┐'));
            for (int r = 0; r < cells.Count; r++)
            {
                var line = new LineBuilder().Add("│", MarkdownStyles.TableBorder);
                for (int c = 0; c < columns; c++)
                {
                    var align = c < table.ColumnDefinitions.Count ? table.ColumnDefinitions[c].Alignment : null;
                    var alignment = align switch
                    {
                        TableColumnAlign.Center => Alignment.Center,
                        TableColumnAlign.Right => Alignment.Right,
                        _ => Alignment.Left,
                    };
                    line.Add(" ").Add(SpanText.Fit(cells[r][c], widths[c], default, alignment)).Add(" ").Add("│", MarkdownStyles.TableBorder);
                }
                output.Add(line.Build());
                if (rows[r].IsHeader && r + 1 < cells.Count) output.Add(Border('├', '┼', '┤'));
            }
            output.Add(Border('└', '┴', '┘'));
        }

        private static List<Span> Inlines(ContainerInline? container, Style style)
        {
            var spans = new List<Span>();
            if (container is null) return spans;
            AddInlines(container, style, null, spans);
            // "[x] done": the marker is drawn by the list, the space after it is not text.
            if (container.FirstChild is TaskList && spans.Count > 0) spans[0] = spans[0] with { Text = spans[0].Text.TrimStart() };
            return spans;
        }

        private static void AddInlines(ContainerInline container, Style style, string? link, List<Span> spans)
        {
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case TaskList:
                        break;   // drawn as the list marker
                    case LiteralInline literal:
                        spans.Add(new Span(literal.Content.ToString(), style, link));
                        break;
                    case CodeInline code:
                        spans.Add(new Span(code.Content, MarkdownStyles.InlineCode.Patch(Style.Plain with { Mods = style.Mods }), link));
                        break;
                    case LineBreakInline lineBreak:
                        spans.Add(new Span(lineBreak.IsHard ? "\n" : " ", style, link));
                        break;
                    case AutolinkInline auto:
                        {
                            var url = auto.IsEmail ? "mailto:" + auto.Url : auto.Url;
                            spans.Add(new Span(auto.Url, style.Patch(MarkdownStyles.Link), SafeUrl(url)));
                            break;
                        }
                    case LinkInline linkInline:
                        AddLink(linkInline, style, spans);
                        break;
                    case EmphasisInline emphasis:
                        AddInlines(emphasis, style.Patch(EmphasisStyle(emphasis)), link, spans);
                        break;
                    case HtmlEntityInline entity:
                        spans.Add(new Span(entity.Transcoded.ToString(), style, link));
                        break;
                    case HtmlInline html:
                        spans.Add(new Span(html.Tag, style.Patch(MarkdownStyles.Html), link));
                        break;
                    case ContainerInline nested:
                        AddInlines(nested, style, link, spans);
                        break;
                    default:
                        spans.Add(new Span(inline.ToString() ?? "", style, link));
                        break;
                }
            }
        }

        /// <summary>Link text, then the address in grey when it differs from the text (so it can be read and copied).</summary>
        private static void AddLink(LinkInline link, Style style, List<Span> spans)
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
            var target = SafeUrl(url);
            var linkStyle = style.Patch(MarkdownStyles.Link);
            int before = spans.Count;
            if (link.IsImage) spans.Add(new Span("[image: ", linkStyle, target));
            AddInlines(link, linkStyle, target, spans);
            if (link.IsImage) spans.Add(new Span("]", linkStyle, target));
            var text = string.Concat(spans.Skip(before).Select(s => s.Text));
            if (url.Length > 0 && !string.Equals(text, url, StringComparison.Ordinal))
                spans.Add(new Span(" (" + url + ")", MarkdownStyles.LinkUrl, target));
        }

        /// <summary>Only ordinary schemes become OSC 8 targets; anything else is shown as text only.</summary>
        private static string? SafeUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "file" ? url : null;

        private static Style EmphasisStyle(EmphasisInline emphasis) => emphasis.DelimiterChar switch
        {
            '~' => Style.Plain.Strike(),
            _ when emphasis.DelimiterCount >= 2 => Style.Plain.Bold(),
            _ => Style.Plain.Italic(),
        };
    }
}
