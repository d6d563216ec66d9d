using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>What copying one Gemini session gave: the native session, and whether it was there already.</summary>
public sealed record GeminiCopyResult(string GeminiId, string NativeId, int Messages, bool AlreadyCopied);

/// <summary>
/// Copies Gemini sessions into the native store (Gemini's files stay as they are), so a
/// session survives Gemini's retention. The copy is a paused native session tagged "gemini"
/// whose metadata records where it came from; copying the same session again returns the
/// earlier copy instead of making a second one.
/// </summary>
public static class GeminiCopy
{
    private const string OriginField = "copied_from";
    private const int Batch = 500;

    public static GeminiCopyResult ToNative(GeminiStore gemini, string id, NativeStore native)
    {
        var summary = gemini.Find(id) ?? throw new InvalidOperationException($"no Gemini session {id}");
        if (gemini.ResumeCommandFor(id) is null) throw new InvalidOperationException($"{id} cannot be read: {summary.Damaged}");
        if (ExistingCopy(native, id) is { } existing)
            return new GeminiCopyResult(id, existing.Id, existing.MessageCount, AlreadyCopied: true);

        var meta = native.Create(summary.WorkDir ?? "", summary.Model ?? "", summary.Title, ["gemini"]);
        int count = 0;
        using (var writer = native.OpenWriter(meta.Id))
        {
            foreach (var chunk in gemini.ReadMessages(id).Where(r => r.Message is not null).Select(r => r.Message!).Chunk(Batch))
                count += writer.AppendMany(chunk).Count;
            writer.Update(m =>
            {
                m.Status = SessionStatus.Paused;
                if (summary.CreatedAt is { } created) m.CreatedAt = Timestamps.Format(created);
                if (summary.LastActive is { } active) m.LastActive = Timestamps.Format(active);
                m.TotalTokens = summary.TotalTokens;
                m.Extra[OriginField] = new JsonObject { ["source"] = GeminiStore.SourceName, ["session_id"] = id, ["path"] = summary.Path };
            }, touch: false);
        }
        return new GeminiCopyResult(id, meta.Id, count, AlreadyCopied: false);
    }

    private static SessionSummary? ExistingCopy(NativeStore native, string geminiId) =>
        native.List().FirstOrDefault(s => s.Metadata?.Extra[OriginField] is JsonObject origin
            && origin["source"]?.GetValue<string>() == GeminiStore.SourceName
            && origin["session_id"]?.GetValue<string>() == geminiId);
}
