using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Streams a transcript's messages, one line at a time, with each line's byte offset: a line
/// shown in the pane (see <see cref="ClaudeLines.Kind"/>) is a message, a line that is not JSON
/// is a damaged record at its place, everything else is skipped.
/// </summary>
internal static class ClaudeMessageReader
{
    public static IEnumerable<MessageRecord> Read(string path, long fromOffset, int firstIndex, CancellationToken cancellationToken)
    {
        int index = firstIndex;
        foreach (var line in Lines(path, fromOffset, cancellationToken))
        {
            // A line with no message is a damaged record at its place; a repaired one is a message that still counts as damaged.
            if (line.Message is null) yield return new MessageRecord(index, line.Offset, null, line.Damage);
            else yield return new MessageRecord(index++, line.Offset, line.Message, line.Damage);
        }
    }

    public static IReadOnlyList<long> Offsets(string path, long fromOffset, CancellationToken cancellationToken) =>
        [.. Lines(path, fromOffset, cancellationToken, render: false).Select(line => line.Offset)];

    /// <summary>A line for the pane: a message, a damaged line (no message), or a repaired message (both); Offsets alone read neither.</summary>
    private readonly record struct Shown(long Offset, Message? Message, string? Damage);

    private static IEnumerable<Shown> Lines(string path, long fromOffset, CancellationToken cancellationToken, bool render = true)
    {
        foreach (var line in JsonLines.ReadLines(path, fromOffset, cancellationToken))
        {
            if (Parse(line, out string? repair) is not { } document)
            {
                yield return new Shown(line.Offset, null, line.Terminated ? "not JSON" : "an unfinished last line (Claude may be writing it)");
                continue;
            }
            Shown? shown;
            using (document)
            {
                var root = document.RootElement;
                shown = root.ValueKind != JsonValueKind.Object ? new Shown(line.Offset, null, "not a JSON object")
                    : ClaudeLines.Kind(root) != ClaudeLineKind.Message ? null
                    : new Shown(line.Offset, render ? ClaudeContent.ToMessage(root) : null, repair);
            }
            if (shown is { } result) yield return result;
        }
    }

    private static JsonDocument? Parse(JsonLine line, out string? repair)
    {
        try
        {
            return JsonLines.ParseDocument(line, ClaudeJson.Options, out repair);
        }
        catch (JsonException)
        {
            repair = null;
            return null;
        }
    }
}
