using System.Globalization;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// One listed session: the copy that counts (<see cref="Chosen"/>) and every file holding the
/// same sessionId (<see cref="Copies"/>: a .json beside its .jsonl, a sha256-folder copy beside
/// the slug-folder one). An unreadable file is a damaged session of its own, id = file name.
/// </summary>
internal sealed record GeminiSession(string Id, GeminiSessionFile Chosen, IReadOnlyList<GeminiSessionFile> Copies, SessionSummary Summary)
{
    public bool IsDamaged => Chosen.IsUnreadable;

    /// <summary>Gemini's listing rules over all files: hidden ones out, one per sessionId (later lastUpdated wins), oldest start first.</summary>
    public static IReadOnlyList<GeminiSession> Build(IReadOnlyList<GeminiSessionFile> files, IReadOnlyDictionary<string, string> warnings)
    {
        var copies = files.Where(f => f.SessionId is not null)
            .GroupBy(f => f.SessionId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<GeminiSessionFile>)[.. g], StringComparer.Ordinal);
        var chosen = new Dictionary<string, GeminiSessionFile>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.IsListed))
        {
            if (!chosen.TryGetValue(file.SessionId!, out var kept) || file.LastUpdated > kept.LastUpdated)
                chosen[file.SessionId!] = file;
        }
        var sessions = chosen.Values
            .Select(file => Listed(file, copies[file.SessionId!], warnings))
            .OrderBy(s => s.Chosen.StartTime)
            .ToList();
        var damagedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.IsUnreadable))
        {
            if (!damagedIds.Add(file.Stem)) continue;
            sessions.Add(Unreadable(file, warnings));
        }
        return sessions;
    }

    private static GeminiSession Listed(GeminiSessionFile file, IReadOnlyList<GeminiSessionFile> copies, IReadOnlyDictionary<string, string> warnings)
    {
        var transcript = file.Transcript;
        var messages = transcript.Messages.Values;
        var summary = new SessionSummary
        {
            Ref = new SessionRef(GeminiStore.SourceName, file.SessionId!),
            Title = GeminiTitles.Make(transcript.Summary, transcript.FirstUserText),
            Description = transcript.Summary,
            CreatedAt = file.StartTime,
            LastActive = file.LastUpdated,
            MessageCount = messages.Count,
            TotalTokens = messages.Sum(m => m.Tokens),
            Model = messages.LastOrDefault(m => m.Model is not null)?.Model,
            WorkDir = file.Project.ProjectPath,
            Damaged = Damage(transcript),
            DeletionWarning = AtRisk(copies, warnings),
            Path = file.Path,
        };
        return new GeminiSession(file.SessionId!, file, copies, summary);
    }

    private static GeminiSession Unreadable(GeminiSessionFile file, IReadOnlyDictionary<string, string> warnings)
    {
        var summary = new SessionSummary
        {
            Ref = new SessionRef(GeminiStore.SourceName, file.Stem),
            Title = Path.GetFileName(file.Path),
            LastActive = File.GetLastWriteTimeUtc(file.Path),
            WorkDir = file.Project.ProjectPath,
            Damaged = file.Transcript.Error ?? "no session id in the file",
            DeletionWarning = warnings.GetValueOrDefault(file.Path),
            Path = file.Path,
        };
        return new GeminiSession(file.Stem, file, [file], summary);
    }

    /// <summary>A session is at risk only when every copy of it would go.</summary>
    private static string? AtRisk(IReadOnlyList<GeminiSessionFile> copies, IReadOnlyDictionary<string, string> warnings) =>
        copies.All(c => warnings.ContainsKey(c.Path)) ? warnings[copies[0].Path] : null;

    private static string? Damage(GeminiTranscript transcript)
    {
        if (transcript.Error is not null) return transcript.Error;
        if (transcript.BadLines.Count == 0) return null;
        var (offset, reason) = transcript.BadLines[0];
        return transcript.BadLines.Count == 1
            ? reason
            : string.Create(CultureInfo.InvariantCulture, $"{transcript.BadLines.Count} unreadable lines skipped (first at byte {offset})");
    }
}
