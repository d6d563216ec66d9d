using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// The metadata of a merged session: counters summed (steps, tool calls, tokens, cost),
/// message_count = the messages actually written, tags unioned in first-seen order, the model
/// kept when all inputs agree (else the distinct models joined by ", "), the first input's work
/// dir, and the sources recorded in the extra field <c>merged_from</c> (ids in the order given).
/// Status is completed when every input is, else paused: a merge is never "active".
/// </summary>
public static class MergedMetadata
{
    public const string MergedFromField = "merged_from";

    public static SessionMetadata Build(IReadOnlyList<SessionMetadata> inputs, string newId, string? description, int messageCount, TimeProvider? clock = null)
    {
        if (inputs.Count < 2) throw new ArgumentException("a merge needs at least two sessions", nameof(inputs));
        string now = Timestamps.Now(clock);
        var models = inputs.Select(m => m.Model).Where(m => !string.IsNullOrEmpty(m)).Distinct().ToList();
        bool allCompleted = inputs.All(m => m.Status == SessionStatus.Completed);
        var sources = new JsonArray();
        foreach (var input in inputs) sources.Add((JsonNode?)input.Id);

        return new SessionMetadata
        {
            Id = newId,
            CreatedAt = now,
            LastActive = now,
            Status = allCompleted ? SessionStatus.Completed : SessionStatus.Paused,
            WorkDir = inputs[0].WorkDir,
            Model = string.Join(", ", models),
            TotalSteps = inputs.Sum(m => m.TotalSteps),
            MessageCount = messageCount,
            ToolCalls = inputs.Sum(m => m.ToolCalls),
            TotalTokens = inputs.Sum(m => m.TotalTokens),
            TotalCost = inputs.Sum(m => m.TotalCost),
            Tags = inputs.SelectMany(m => m.Tags).Distinct(StringComparer.Ordinal).ToList(),
            Description = string.IsNullOrWhiteSpace(description) ? DefaultDescription(inputs) : description,
            CurrentTask = null,
            Progress = allCompleted ? 1.0 : inputs.Max(m => m.Progress),
            Extra = new JsonObject { [MergedFromField] = sources },
        };
    }

    private static string DefaultDescription(IReadOnlyList<SessionMetadata> inputs) =>
        "Merge of " + string.Join(", ", inputs.Select(m => string.IsNullOrWhiteSpace(m.Description) ? m.Id : $"{m.Description} ({m.Id})"));
}
