using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Generation;

/// <summary>
/// Makes a realistic synthetic native store (the <c>generate</c> command) for demos, tests and
/// benchmarks. Deterministic for a seed: the clock is a fixed time derived from the seed and each
/// session draws from its own seeded random source, so the bytes do not depend on the machine,
/// the time zone or the degree of parallelism. Files are written directly with buffered streams
/// (a fresh folder has no other writer, so no locks and no per-file fsync).
/// </summary>
public static class StoreGenerator
{
    private static readonly string[] Models = ["kimi-k2", "gpt-4o", "claude-sonnet-4", "gemini-2.5-pro", "moonshot-v1-128k", "deepseek-v3"];
    private static readonly string[] Tags = ["refactor", "bugfix", "auth", "perf", "docs", "tests", "ui", "infra", "中文", "release"];
    private static readonly string[] Projects = ["api-server", "web-app", "session-browser", "ml-pipeline", "dotfiles", "billing", "mobile-client", "data-sync"];
    private static readonly string[] WorkDirRoots = ["/home/ada/projects", "/home/lin/code", "/Users/kai/src"];
    private static readonly string[] Hosts = ["devbox", "laptop-kai", "ci-runner-3"];

    /// <summary>Writes the store into <paramref name="outDir"/>, which must be missing or empty.</summary>
    public static GeneratorResult Generate(string outDir, GeneratorOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            throw new IOException($"{outDir} is not empty; generate writes a new store into a missing or empty folder");
        Directory.CreateDirectory(outDir);

        var master = new Random(options.Seed);
        var now = new DateTime(2025, 1, 1, 9, 0, 0).AddDays(PositiveModulo(options.Seed, 365));
        int total = options.Sessions + (options.LargeSessionMessages > 0 ? 1 : 0);
        var ids = UniqueIds(master, total);

        var plans = new SessionPlan[total];
        for (int i = 0; i < total; i++)
        {
            bool large = i == options.Sessions;
            plans[i] = new SessionPlan(ids[i], i, large ? options.LargeSessionMessages : 0);
        }
        var results = new SessionWritten[total];
        Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            i => results[i] = WriteSession(outDir, plans[i], options, now));

        var index = new JsonArray();
        foreach (var written in results) index.Add((JsonNode?)NativeIndex.EntryFor(written.Metadata));
        if (options.IncludeFaults) Faults.Write(outDir, master, now, index);
        File.WriteAllText(Path.Combine(outDir, NativeLayout.IndexFile), PythonJson.SerializeIndented(new JsonObject { ["sessions"] = index }));

        return new GeneratorResult(
            results.Length,
            results.Sum(r => (long)r.Metadata.MessageCount),
            results.Sum(r => (long)r.Snapshots),
            results.Sum(r => r.Bytes),
            options.LargeSessionMessages > 0 ? ids[options.Sessions] : null);
    }

    private sealed record SessionPlan(string Id, int Number, int ExactMessages);

    private sealed record SessionWritten(SessionMetadata Metadata, int Snapshots, long Bytes);

    private static SessionWritten WriteSession(string outDir, SessionPlan plan, GeneratorOptions options, DateTime now)
    {
        var random = new Random(unchecked(options.Seed * 1_000_003 + plan.Number * 7919 + 17));
        var text = new MarkdownWriter(random);
        string folder = Path.Combine(outDir, plan.Id);
        Directory.CreateDirectory(Path.Combine(folder, NativeLayout.SnapshotsFolder));
        Directory.CreateDirectory(Path.Combine(folder, NativeLayout.ArtifactsFolder));

        int messageTarget = plan.ExactMessages > 0
            ? plan.ExactMessages
            : Math.Max(1, options.Messages / 2 + random.Next(options.Messages + 1));
        string model = Models[random.Next(Models.Length)];
        string project = Projects[random.Next(Projects.Length)];
        var meta = new SessionMetadata
        {
            Id = plan.Id,
            WorkDir = $"{WorkDirRoots[random.Next(WorkDirRoots.Length)]}/{project}",
            Model = model,
            // Session 1 is always interrupted, so every generated store shows the recovery prompt.
            Status = plan.Number == 1 && plan.ExactMessages == 0 ? SessionStatus.Active : PickStatus(random),
            Description = plan.ExactMessages > 0
                ? $"Large session ({plan.ExactMessages:N0} messages) for benchmarks"
                : random.Next(10) < 7 ? text.Description() : null,
            Tags = PickTags(random),
        };
        // Sessions are spread over the 180 days before "now"; the large one is the newest.
        var time = plan.ExactMessages > 0
            ? now.AddDays(-2)
            : now.AddSeconds(-random.Next(180 * 24 * 3600));
        meta.CreatedAt = Timestamps.FormatNaive(time);
        int stepsPlanned = Math.Max(1, messageTarget / 3 + random.Next(messageTarget / 2 + 2));
        int snapshotEvery = 4 + random.Next(5);
        int snapshots = 0;
        long costMicros = 0;
        var line = new StringBuilder(4096);
        var content = new StringBuilder(4096);
        long bytes = 0;
        var lastWrite = time;

        using (var messages = new StreamWriter(Path.Combine(folder, NativeLayout.MessagesFile), false, new UTF8Encoding(false), 1 << 16))
        {
            void Write(string role, StringBuilder body, DateTime at, Action<StringBuilder>? metadata)
            {
                line.Clear();
                line.Append("{\"role\": ");
                PythonJson.AppendString(line, role);
                line.Append(", \"content\": ");
                PythonJson.AppendString(line, body.ToString());
                line.Append(", \"timestamp\": \"").Append(Timestamps.FormatNaive(at)).Append("\", \"metadata\": {");
                metadata?.Invoke(line);
                line.Append("}}\n");
                messages.Write(line);
                bytes += line.Length;
                meta.MessageCount++;
                lastWrite = at;
            }

            if (random.Next(3) == 0)
            {
                content.Clear().Append("You are a coding agent working in `").Append(meta.WorkDir).Append("`. Follow the repository's conventions.");
                Write(Roles.System, content, time, null);
                time = time.AddSeconds(1);
            }
            while (meta.MessageCount < messageTarget)
            {
                content.Clear();
                text.UserRequest(content);
                Write(Roles.User, content, time, null);
                time = time.AddSeconds(5 + random.Next(60)).AddTicks(random.Next(10_000_000) / 10 * 10);

                int tools = random.Next(3) == 0 ? 1 + random.Next(3) : 0;
                for (int t = 0; t < tools && meta.MessageCount < messageTarget - 1; t++)
                {
                    content.Clear();
                    var (tool, exit) = text.ToolOutput(content);
                    int callNumber = meta.ToolCalls++;
                    int duration = 20 + random.Next(5000);
                    Write(Roles.Tool, content, time, m => m
                        .Append("\"tool\": \"").Append(tool).Append("\", \"call_id\": \"call_").Append(plan.Id).Append('_').Append(callNumber)
                        .Append("\", \"exit_code\": ").Append(exit).Append(", \"duration_ms\": ").Append(duration));
                    time = time.AddMilliseconds(duration + 500);
                }
                if (meta.MessageCount >= messageTarget) break;

                content.Clear();
                text.AssistantReply(content);
                int input = 800 + random.Next(12_000), output = 50 + content.Length / 3 + random.Next(400);
                // Prices in micro-dollars per token keep the sums exact.
                long micros = input * 3L + output * 15L;
                meta.TotalTokens += input + output;
                costMicros += micros;
                Write(Roles.Assistant, content, time, m => m
                    .Append("\"model\": \"").Append(model).Append("\", \"tokens\": {\"input\": ").Append(input)
                    .Append(", \"output\": ").Append(output).Append("}, \"cost\": ").Append(PythonJson.FormatFloat(micros / 1_000_000.0)));
                meta.TotalSteps++;

                if (meta.TotalSteps % snapshotEvery == 0)
                {
                    // The snapshot is taken right after the step's last message and before the next one.
                    var at = time.AddSeconds(1);
                    WriteSnapshot(folder, meta, stepsPlanned, text, at);
                    snapshots++;
                }
                time = time.AddSeconds(10 + random.Next(600));
            }
        }

        meta.TotalCost = costMicros / 1_000_000.0;
        meta.Progress = meta.Status == SessionStatus.Completed ? 1.0 : Math.Round(Math.Min(0.95, (double)meta.TotalSteps / stepsPlanned), 2);
        meta.CurrentTask = meta.Status == SessionStatus.Completed ? null : text.Task();
        meta.LastActive = Timestamps.FormatNaive(lastWrite.AddSeconds(random.Next(1, 9)));

        File.WriteAllText(Path.Combine(folder, NativeLayout.MetadataFile), PythonJson.SerializeIndented(NativeJson.WriteMetadata(meta)));
        WriteLockFile(folder, meta, random);
        if (random.Next(4) == 0)
            File.WriteAllText(Path.Combine(folder, NativeLayout.ArtifactsFolder, "notes.md"), $"# Notes for {meta.Id}\n\n- {text.Task()}\n");
        return new SessionWritten(meta, snapshots, bytes);
    }

    private static void WriteSnapshot(string folder, SessionMetadata meta, int stepsPlanned, MarkdownWriter text, DateTime at)
    {
        var state = new JsonObject
        {
            ["step"] = meta.TotalSteps,
            ["current_task"] = text.Task(),
            ["progress"] = Math.Round(Math.Min(0.95, (double)meta.TotalSteps / stepsPlanned), 2),
            ["message_count"] = meta.MessageCount,
            ["context"] = new JsonObject
            {
                ["files_open"] = new JsonArray(text.File(), text.File()),
                ["last_tool"] = meta.ToolCalls > 0 ? "bash" : null,
            },
        };
        var snapshot = new Snapshot(meta.TotalSteps, Timestamps.FormatNaive(at), state);
        File.WriteAllText(
            Path.Combine(folder, NativeLayout.SnapshotsFolder, NativeLayout.SnapshotFile(meta.TotalSteps)),
            PythonJson.SerializeIndented(NativeJson.WriteSnapshot(snapshot)));
    }

    /// <summary>Writers leave a .lock behind; an interrupted one names the (long gone) process that held it.</summary>
    private static void WriteLockFile(string folder, SessionMetadata meta, Random random)
    {
        string content = meta.Status == SessionStatus.Active
            ? PythonJson.Serialize(new JsonObject
            {
                ["pid"] = 1000 + random.Next(60_000),
                ["host"] = Hosts[random.Next(Hosts.Length)],
                ["acquired_at"] = meta.CreatedAt,
            }) + "\n"
            : "";
        File.WriteAllText(Path.Combine(folder, NativeLayout.LockFile), content);
    }

    private static string PickStatus(Random random) => random.Next(100) switch
    {
        < 52 => SessionStatus.Completed,
        < 84 => SessionStatus.Paused,
        < 96 => SessionStatus.Crashed,
        < 99 => SessionStatus.Active,
        _ => "archived", // a status this program does not know: shown as it is
    };

    private static List<string> PickTags(Random random)
    {
        var tags = new List<string>();
        int count = random.Next(4);
        for (int i = 0; i < count; i++)
        {
            string tag = Tags[random.Next(Tags.Length)];
            if (!tags.Contains(tag)) tags.Add(tag);
        }
        return tags;
    }

    private static List<string> UniqueIds(Random random, int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(count);
        var bytes = new byte[4];
        while (ids.Count < count)
        {
            random.NextBytes(bytes);
            string id = Convert.ToHexStringLower(bytes);
            if (seen.Add(id)) ids.Add(id);
        }
        return ids;
    }

    private static int PositiveModulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
