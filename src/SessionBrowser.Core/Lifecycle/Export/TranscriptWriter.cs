using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// A session as a readable document: Markdown, or a self-contained HTML page rendered with
/// Markdig. Messages are streamed one at a time so a huge session never sits in memory.
/// Session content is data: in HTML raw tags are escaped, links other than http(s)/mailto/
/// relative are neutralised, and the page's Content-Security-Policy forbids scripts.
/// </summary>
public static partial class TranscriptWriter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    public static void WriteMarkdown(TextWriter output, SessionSummary session, IEnumerable<MessageRecord> messages)
    {
        output.WriteLine($"# {HeaderText(session.Title)}");
        output.WriteLine();
        output.WriteLine("| | |");
        output.WriteLine("|---|---|");
        foreach (var (name, value) in Facts(session))
            output.WriteLine($"| {name} | {TableCell(value)} |");
        foreach (var record in messages)
        {
            output.WriteLine();
            output.WriteLine("---");
            output.WriteLine();
            if (record.Message is not { } message)
            {
                output.WriteLine($"> **Unreadable line** (message {record.Index + 1}): {record.Damage}");
                continue;
            }
            output.WriteLine($"### {RoleName(message.Role)}{TimeSuffix(message)}");
            output.WriteLine();
            output.WriteLine(message.Content.TrimEnd());
        }
    }

    public static void WriteHtml(TextWriter output, SessionSummary session, IEnumerable<MessageRecord> messages)
    {
        string title = WebUtility.HtmlEncode(session.Title);
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html><head><meta charset=\"utf-8\">");
        output.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        output.WriteLine($"<title>{title}</title>");
        output.WriteLine("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            + "pre{background:#f4f4f4;padding:.75rem;overflow-x:auto}code{font-family:ui-monospace,monospace}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}"
            + "section{border-top:1px solid #ddd;margin-top:1.5rem}.role{margin-bottom:.25rem}.time{color:#777;font-weight:normal;font-size:.9em}"
            + ".user .role{color:#1a5fb4}.assistant .role{color:#26a269}.tool .role{color:#a51d2d}.damaged{color:#a51d2d}</style>");
        output.WriteLine("</head><body>");
        output.WriteLine($"<h1>{title}</h1>");
        output.WriteLine("<table>");
        foreach (var (name, value) in Facts(session))
            output.WriteLine($"<tr><th>{WebUtility.HtmlEncode(name)}</th><td>{WebUtility.HtmlEncode(value)}</td></tr>");
        output.WriteLine("</table>");
        foreach (var record in messages)
        {
            if (record.Message is not { } message)
            {
                output.WriteLine($"<section class=\"damaged\"><p><strong>Unreadable line</strong> (message {record.Index + 1}): {WebUtility.HtmlEncode(record.Damage ?? "")}</p></section>");
                continue;
            }
            string role = WebUtility.HtmlEncode(message.Role);
            output.WriteLine($"<section class=\"{role}\">");
            output.WriteLine($"<h3 class=\"role\">{WebUtility.HtmlEncode(RoleName(message.Role))}<span class=\"time\">{WebUtility.HtmlEncode(TimeSuffix(message))}</span></h3>");
            RenderMarkdown(output, message.Content);
            output.WriteLine("</section>");
        }
        output.WriteLine("</body></html>");
    }

    private static void RenderMarkdown(TextWriter output, string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "#";
            // An image would be fetched when the file is opened (a remote one can be a tracking
            // pixel): it stays a link the reader may follow, showing its alt text or its address.
            if (link.IsImage)
            {
                link.IsImage = false;
                if (link.FirstChild is null) link.AppendChild(new LiteralInline(link.Url ?? ""));
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && !IsSafeUrl(link.Url)) link.Url = "#";
        }
        var renderer = new HtmlRenderer(output);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        output.Flush();
    }

    /// <summary>http, https, mailto, fragment and relative links; never javascript:, data: or vbscript:.</summary>
    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        string trimmed = new(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        int colon = trimmed.IndexOf(':');
        int slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return true;
        string scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    private static IEnumerable<(string Name, string Value)> Facts(SessionSummary s)
    {
        yield return ("Session", s.Ref.ToString());
        yield return ("Status", s.Status);
        if (!string.IsNullOrEmpty(s.Model)) yield return ("Model", s.Model);
        if (!string.IsNullOrEmpty(s.WorkDir)) yield return ("Work dir", s.WorkDir);
        if (s.CreatedAt is { } created) yield return ("Created", LocalTime(created));
        if (s.LastActive is { } active) yield return ("Last active", LocalTime(active));
        yield return ("Messages", s.MessageCount.ToString(CultureInfo.InvariantCulture));
        yield return ("Tokens", s.TotalTokens.ToString("N0", CultureInfo.InvariantCulture));
        yield return ("Cost", s.TotalCost.ToString("$0.00##", CultureInfo.InvariantCulture));
        if (s.Tags.Count > 0) yield return ("Tags", string.Join(", ", s.Tags));
    }

    public static string RoleName(string role) => role switch
    {
        Roles.User => "You",
        Roles.Assistant => "Assistant",
        Roles.System => "System",
        Roles.Tool => "Tool",
        _ => role,
    };

    private static string TimeSuffix(Message message) => message.Time is { } time ? " · " + LocalTime(time) : "";

    private static string LocalTime(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string TableCell(string value) =>
        HeaderText(value).Replace("\\", "\\\\").Replace("|", "\\|");

    /// <summary>
    /// A metadata string from a session file as one line of the header: the file is read in
    /// terminals (cat, less -R), so escape sequences are removed whole, and other controls and
    /// bidi overrides dropped; line breaks become spaces.
    /// </summary>
    private static string HeaderText(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in EscapeSequence().Replace(value.ReplaceLineEndings(" "), ""))
            if (!char.IsControl(c) && c is not (>= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')) text.Append(c);
        return text.ToString();
    }

    [GeneratedRegex(@"[\x1B\x9B\x9D\x90](?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)?|P[^\x1B]*(?:\x1B\\)?|[@-Z\\-_])?")]
    private static partial Regex EscapeSequence();
}
