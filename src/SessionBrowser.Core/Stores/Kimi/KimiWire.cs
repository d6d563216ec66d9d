using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// What a list row needs from wire.jsonl, Kimi CLI's event log: <c>{"type": "metadata"}</c>
/// first, then <c>{timestamp (epoch seconds), message{type, payload}}</c>. The first and last
/// timestamps are the session's start and last activity, StatusUpdate's token_usage adds up to
/// its tokens, and the first TurnBegin's input is its title when it has no custom one.
/// </summary>
internal sealed record KimiWire(DateTimeOffset? First, DateTimeOffset? Last, long Tokens, string? FirstInput, int Records, int DamagedLines)
{
    public static readonly KimiWire Empty = new(null, null, 0, null, 0, 0);

    private static readonly string[] UsageFields = ["input_other", "output", "input_cache_read", "input_cache_creation"];

    public static KimiWire Read(string file, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? first = null, last = null;
        long tokens = 0;
        string? firstInput = null;
        int records = 0, damaged = 0;
        foreach (var line in JsonLines.ReadLines(file, 0, cancellationToken))
        {
            try
            {
                // Repaired text is read with replacement characters; the transcript (context.jsonl) reports the damage.
                using var document = JsonLines.ParseDocument(line, default, out _);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message)) continue;
                records++;
                if (root.TryGetProperty("timestamp", out var stamp) && stamp.ValueKind == JsonValueKind.Number
                    && TimeOf(stamp.GetDouble()) is { } time)
                {
                    first ??= time;
                    last = time;
                }
                if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("payload", out var payload)) continue;
                string? type = message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type == "TurnBegin" && firstInput is null && payload.ValueKind == JsonValueKind.Object
                    && payload.TryGetProperty("user_input", out var input))
                    firstInput = KimiContent.Text(input, " ");
                else if (type == "StatusUpdate" && payload.ValueKind == JsonValueKind.Object
                    && payload.TryGetProperty("token_usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                    tokens += UsageFields.Sum(f => usage.TryGetProperty(f, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out long v) && v > 0 ? v : 0);
            }
            catch (JsonException)
            {
                damaged++;
            }
        }
        return new KimiWire(first, last, tokens, firstInput, records, damaged);
    }

    /// <summary>Epoch seconds (with a fraction) as a time; null for what no clock could have written.</summary>
    internal static DateTimeOffset? TimeOf(double seconds) =>
        double.IsFinite(seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;
}
