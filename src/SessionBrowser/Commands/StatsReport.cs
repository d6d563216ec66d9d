using System.Globalization;
using System.Text.Json;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Commands;

/// <summary>The stats command's output: a text report with small bar charts, or JSON.</summary>
internal static class StatsReport
{
    public const string Day = "day", Model = "model", Tag = "tag", WorkDir = "workdir";
    public static readonly string[] Groups = [Day, Model, Tag, WorkDir];

    /// <summary>Rows of each breakdown shown when it is not the one asked for in full.</summary>
    private const int RecentDays = 14, TopRows = 5;
    private const int LabelWidthLimit = 40;

    public static void WriteText(TextWriter output, SessionStatistics stats, string? group, int screenWidth, DateOnly today)
    {
        output.WriteLine($"Sessions  {Count(stats.TotalSessions)}  ({StatusLine(stats)})");
        output.WriteLine($"Messages  {Count(stats.TotalMessages)}");
        output.WriteLine($"Tokens    {Count(stats.TotalTokens)}");
        output.WriteLine($"Cost      {SessionWording.Cost(stats.TotalCost)}  (average {SessionWording.Cost(stats.AverageCostPerSession)} per session)");
        if (stats.DamagedSessions > 0)
            output.WriteLine($"{Wording.Count(stats.DamagedSessions, "damaged session")} not counted (see 'doctor').");
        if (stats.TotalSessions == 0) return;

        if (group is null or Day)
        {
            var recent = stats.RecentDays(today, RecentDays);
            Section(output, group is null ? $"Activity, {recent.Describe()} (sessions by day of last activity)" : "Activity by day (sessions by day of last activity)",
                group is null ? recent.Days : stats.ByDay, b => b.Sessions, b => $"{Count(b.Messages)} msgs  {SessionWording.Cost(b.Cost)}", screenWidth);
        }
        if (group is null or Model)
        {
            Section(output, "Models (tokens)", Top(stats.ByModel, group),
                b => b.Tokens, b => $"{Wording.Count(b.Sessions, "session")}  {SessionWording.Cost(b.Cost)}", screenWidth);
        }
        if (group is Tag)
        {
            Section(output, "Tags (sessions)", stats.ByTag, b => b.Sessions, b => $"{Count(b.Messages)} msgs  {SessionWording.Cost(b.Cost)}", screenWidth);
        }
        if (group is null or WorkDir)
        {
            Section(output, "Busiest work dirs (sessions)", Top(stats.ByWorkDir, group),
                b => b.Sessions, b => $"{Count(b.Messages)} msgs  {SessionWording.Cost(b.Cost)}", screenWidth);
        }
    }

    /// <summary>
    /// The reference's get_statistics() keys, the other status counts, and the breakdowns as arrays
    /// of {key, sessions, messages, tokens, cost} (only the asked-for one with --by).
    /// </summary>
    public static void WriteJson(TextWriter output, SessionStatistics stats, string? group)
    {
        using var json = JsonOutput.Open(output);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("total_sessions", stats.TotalSessions);
        w.WriteNumber("active_sessions", stats.ActiveSessions);
        w.WriteNumber("completed_sessions", stats.CompletedSessions);
        w.WriteNumber("total_messages", stats.TotalMessages);
        w.WriteNumber("total_tokens", stats.TotalTokens);
        w.WriteNumber("total_cost", SessionJson.Money(stats.TotalCost));
        w.WriteNumber("avg_cost_per_session", SessionJson.Money(stats.AverageCostPerSession));
        w.WriteNumber("paused_sessions", stats.PausedSessions);
        w.WriteNumber("crashed_sessions", stats.CrashedSessions);
        w.WriteNumber("live_sessions", stats.LiveSessions);
        w.WriteNumber("interrupted_sessions", stats.InterruptedSessions);
        w.WriteNumber("damaged_sessions", stats.DamagedSessions);
        if (group is null or Day) Buckets(w, "by_day", stats.ByDay);
        if (group is null or Model) Buckets(w, "by_model", stats.ByModel);
        if (group is null or Tag) Buckets(w, "by_tag", stats.ByTag);
        if (group is null or WorkDir) Buckets(w, "by_workdir", stats.ByWorkDir);
        w.WriteEndObject();
    }

    /// <summary>A bar of <paramref name="width"/> cells for value/max, in eighths of a cell; any non-zero value shows.</summary>
    public static string Bar(double value, double max, int width)
    {
        if (max <= 0 || value <= 0 || width <= 0) return "";
        int eighths = Math.Max(1, (int)Math.Round(value / max * width * 8));
        const string partial = " ▏▎▍▌▋▊▉";
        return new string('█', eighths / 8) + (eighths % 8 == 0 ? "" : partial[eighths % 8].ToString());
    }

    private static void Section(TextWriter output, string title, IReadOnlyList<StatisticsBucket> rows,
        Func<StatisticsBucket, double> measure, Func<StatisticsBucket, string> detail, int screenWidth)
    {
        if (rows.Count == 0) return;
        output.WriteLine();
        output.WriteLine(title);
        int labelWidth = Math.Min(LabelWidthLimit, rows.Max(r => CellWidth.Of(SessionWording.OneLine(r.Key))));
        string[] values = [.. rows.Select(r => Count((long)measure(r)))];
        int valueWidth = values.Max(v => v.Length);
        string[] details = [.. rows.Select(detail)];
        int detailWidth = details.Max(d => CellWidth.Of(d));
        int barWidth = Math.Clamp(screenWidth - labelWidth - valueWidth - detailWidth - 8, 10, 40);
        double max = rows.Max(measure);
        for (int i = 0; i < rows.Count; i++)
        {
            string label = TextLayout.Truncate(SessionWording.OneLine(rows[i].Key), labelWidth);
            string bar = Bar(measure(rows[i]), max, barWidth);
            output.WriteLine(
                $"  {label}{new string(' ', labelWidth - CellWidth.Of(label))}  {bar}{new string(' ', barWidth + 1 - CellWidth.Of(bar))}" +
                $"{values[i].PadLeft(valueWidth)}  {details[i]}".TrimEnd());
        }
    }

    private static IReadOnlyList<StatisticsBucket> Top(IReadOnlyList<StatisticsBucket> rows, string? group) =>
        group is null ? [.. rows.Take(TopRows)] : rows;

    private static string StatusLine(SessionStatistics s)
    {
        var parts = new List<string>();
        string active = $"{Count(s.ActiveSessions)} active";
        if (s.LiveSessions > 0 || s.InterruptedSessions > 0)
            active += $": {Count(s.LiveSessions)} live, {Count(s.InterruptedSessions)} interrupted";
        parts.Add(active);
        parts.Add($"{Count(s.CompletedSessions)} completed");
        parts.Add($"{Count(s.PausedSessions)} paused");
        parts.Add($"{Count(s.CrashedSessions)} crashed");
        int other = s.TotalSessions - s.ActiveSessions - s.CompletedSessions - s.PausedSessions - s.CrashedSessions;
        if (other > 0) parts.Add($"{Count(other)} other");
        return string.Join(" · ", parts);
    }

    private static void Buckets(Utf8JsonWriter w, string name, IReadOnlyList<StatisticsBucket> buckets)
    {
        w.WriteStartArray(name);
        foreach (var b in buckets)
        {
            w.WriteStartObject();
            w.WriteString("key", b.Key);
            w.WriteNumber("sessions", b.Sessions);
            w.WriteNumber("messages", b.Messages);
            w.WriteNumber("tokens", b.Tokens);
            w.WriteNumber("cost", SessionJson.Money(b.Cost));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

}
