using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Reads a session file into a <see cref="GeminiTranscript"/> without holding it in memory:
/// <c>.jsonl</c> line by line, legacy <c>.json</c> through <see cref="LegacyJsonScanner"/>.
/// Like Gemini, a JSONL file without session metadata is tried as a legacy document, and a
/// legacy document that does not parse as one object is tried as JSONL.
/// </summary>
internal static class GeminiTranscriptReader
{
    internal static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    public static GeminiTranscript Read(string path, CancellationToken cancellationToken = default)
    {
        bool legacyFirst = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var first = legacyFirst ? ReadLegacy(path, cancellationToken) : ReadLines(path, cancellationToken);
        if (Usable(first)) return first;
        var second = legacyFirst ? ReadLines(path, cancellationToken) : ReadLegacy(path, cancellationToken);
        // A JSONL file whose metadata line is torn after "sessionId" reads as the start of a legacy
        // document that breaks at once: that finds an id but nothing to list, and the session would
        // vanish. Only a fallback that read cleanly (or found messages) replaces the damaged first reading.
        return Usable(second) && (second.Error is null || second.HasResumableContent) ? second : first;
    }

    /// <summary>Parses JSON bytes, reading invalid text as replacement characters; <paramref name="repaired"/> says it was needed.</summary>
    internal static JsonDocument Parse(ReadOnlyMemory<byte> bytes, out bool repaired)
    {
        byte[]? clean = JsonTextRepair.Repaired(bytes.Span);
        repaired = clean is not null;
        return JsonDocument.Parse(clean ?? bytes, Options);
    }

    /// <summary>Gemini needs sessionId and projectHash in JSONL, a sessionId in a legacy file.</summary>
    private static bool Usable(GeminiTranscript transcript) =>
        transcript.SessionId is not null && (transcript.IsLegacy || transcript.ProjectHash is not null);

    private static GeminiTranscript ReadLines(string path, CancellationToken cancellationToken)
    {
        var transcript = new GeminiTranscript();
        try
        {
            foreach (var line in JsonLines.ReadLines(path, cancellationToken: cancellationToken))
            {
                try
                {
                    using var document = Parse(line.Bytes, out bool repaired);
                    if (repaired) transcript.BadLines.Add((line.Offset, $"line at byte {line.Offset} {JsonTextRepair.Problem}"));
                    transcript.ApplyRecord(document.RootElement, line.Offset, line.Bytes.Length);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or KeyNotFoundException or IndexOutOfRangeException)
                {
                    transcript.BadLines.Add((line.Offset, line.Terminated
                        ? $"line at byte {line.Offset} is not valid JSON"
                        : $"last line at byte {line.Offset} is incomplete (the writer stopped mid-line)"));
                }
            }
            if (transcript.SessionId is null) transcript.Error = "no session metadata (sessionId) in the file";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transcript.Error = $"cannot be read: {e.Message}";
        }
        return transcript;
    }

    private static GeminiTranscript ReadLegacy(string path, CancellationToken cancellationToken)
    {
        var transcript = new GeminiTranscript { IsLegacy = true };
        try
        {
            using var stream = Open(path);
            transcript.Error = LegacyJsonScanner.Scan(stream, transcript, cancellationToken);
            if (transcript.Error is null && transcript.SessionId is null) transcript.Error = "no sessionId in the file";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transcript.Error = $"cannot be read: {e.Message}";
        }
        return transcript;
    }

    internal static FileStream Open(string path) => RegularFile.OpenRead(path, FileOptions.SequentialScan);
}
