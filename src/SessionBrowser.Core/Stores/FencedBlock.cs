using System.Globalization;
using System.Text;

namespace SessionBrowser.Core.Stores;

/// <summary>Tool input and output as a Markdown code fence, cut when long: how every source renders them in a message.</summary>
public static class FencedBlock
{
    /// <summary>Longer text is cut in the rendered message (the file keeps all of it).</summary>
    public const int MaxRendered = 4000;

    public static void Append(StringBuilder text, string language, string body)
    {
        if (body.Length > MaxRendered)
            body = body[..MaxRendered] + string.Create(CultureInfo.InvariantCulture, $"\n… ({body.Length - MaxRendered:N0} more characters)");
        string fence = body.Contains("```", StringComparison.Ordinal) ? "````" : "```";
        text.Append(fence).Append(language).Append('\n').Append(body.TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
    }
}
