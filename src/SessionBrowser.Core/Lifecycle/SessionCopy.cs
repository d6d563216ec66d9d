using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>What keeping one session gave: the native copy, and whether it was there already.</summary>
public sealed record SessionCopyResult(string SourceId, string NativeId, int Messages, bool AlreadyCopied);

/// <summary>
/// Keeps a copy of another agent's session in the native store (the agent's files stay as they
/// are), so it survives that agent's own cleanup (Gemini's retention, Claude's
/// cleanupPeriodDays). The copy is a paused native session tagged with the source's name whose
/// metadata records where it came from; copying the same session again returns the earlier
/// copy instead of making a second one.
/// </summary>
public static class SessionCopy
{
    private const string OriginField = "copied_from";
    private const int Batch = 500;

    public static SessionCopyResult ToNative(ISessionStore source, string id, NativeStore native)
    {
        var summary = source.Find(id) ?? throw new InvalidOperationException($"no {source.Source} session {id}");
        if (source.ResumeCommandFor(id) is null && summary.Damaged is not null)
            throw new InvalidOperationException($"{id} cannot be read: {summary.Damaged}");
        if (ExistingCopy(native, source.Source, id) is { } existing)
            return new SessionCopyResult(id, existing.Id, existing.MessageCount, AlreadyCopied: true);

        var meta = native.Create(summary.WorkDir ?? "", summary.Model ?? "", summary.Title, [source.Source]);
        int count = 0;
        using (var writer = native.OpenWriter(meta.Id))
        {
            foreach (var chunk in source.ReadMessages(id).Where(r => r.Message is not null).Select(r => r.Message!).Chunk(Batch))
                count += writer.AppendMany(chunk).Count;
            writer.Update(m =>
            {
                m.Status = SessionStatus.Paused;
                if (summary.CreatedAt is { } created) m.CreatedAt = Timestamps.Format(created);
                if (summary.LastActive is { } active) m.LastActive = Timestamps.Format(active);
                m.TotalTokens = summary.TotalTokens;
                m.Extra[OriginField] = new JsonObject { ["source"] = source.Source, ["session_id"] = id, ["path"] = summary.Path };
            }, touch: false);
        }
        return new SessionCopyResult(id, meta.Id, count, AlreadyCopied: false);
    }

    private static SessionSummary? ExistingCopy(NativeStore native, string source, string id) =>
        native.List().FirstOrDefault(s => s.Metadata?.Extra[OriginField] is JsonObject origin
            && origin["source"]?.GetValue<string>() == source
            && origin["session_id"]?.GetValue<string>() == id);
}
