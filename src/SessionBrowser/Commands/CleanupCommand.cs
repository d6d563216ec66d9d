using System.CommandLine;
using System.Globalization;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>cleanup [--older-than DURATION] [--max-count N] [--status S] [--dry-run] [--yes]</c>:
/// retention by policy. It always lists what would go (title, age, size), asks, and moves the
/// sessions to the trash; live and interrupted sessions are never touched. The default policy
/// comes from the settings file, else the reference's (completed, inactive 30 days); options
/// override it one by one.
/// </summary>
public static class CleanupCommand
{
    public static Command Create(CliContext context)
    {
        var olderThan = new Option<string?>("--older-than")
        {
            Description = "Sessions inactive longer than this: 12h, 30d, 2w, 6m (30-day months)",
            HelpName = "DURATION",
        };
        var maxCount = CliOptions.Number("--max-count", "Keep at most N matching sessions (the most recently active)");
        var status = new Option<string?>("--status")
        {
            Description = $"Only sessions with this status (completed, paused, crashed, or {RetentionPolicy.AnyStatus}); default completed",
            HelpName = "STATUS",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would go" };
        var yes = CliOptions.Yes("Do not ask before moving the sessions to the trash");
        var command = new Command("cleanup", "Move old sessions to the trash by a retention policy (lists them and asks first)")
        {
            olderThan, maxCount, status, dryRun, yes,
        };
        command.SetAction(parse =>
        {
            var (policy, origin) = Policy(context, parse.GetValue(olderThan), parse.GetValue(maxCount), parse.GetValue(status));
            var storeOf = new Dictionary<SessionSummary, ISessionStore>(ReferenceEqualityComparer.Instance);
            // A store never indexed is listed without writing its index: the sessions about to go
            // would be written only to be removed again. When nothing goes, it is written after all.
            var (sessions, writeIndex) = IndexedSessions.LoadBeforeIndexing(context, context.Sources(parse));
            foreach (var match in sessions)
            {
                if (match.Store is IDeletableStore) storeOf[match.Session] = match.Store;
            }
            var plan = CleanupPlanner.Plan(storeOf.Keys, policy, context.Host.Clock.GetUtcNow(),
                session => DiskUsage.Of(((IDeletableStore)storeOf[session]).PlanDelete(session.Id).Files));

            context.Out.WriteLine($"Policy ({origin}): {policy}");
            if (plan.Candidates.Count == 0)
            {
                context.Out.WriteLine("Nothing to clean up.");
                WriteExempt(context, plan);
                writeIndex();
                return ExitCodes.Ok;
            }
            WriteCandidates(context, plan);
            WriteExempt(context, plan);
            if (parse.GetValue(dryRun))
            {
                context.Out.WriteLine("Dry run: nothing was moved.");
                writeIndex();
                return ExitCodes.Ok;
            }
            if (!parse.GetValue(yes) && !context.Confirm($"Move {Wording.Count(plan.Candidates.Count, "session")} to the trash?"))
            {
                context.Out.WriteLine("Nothing was moved.");
                writeIndex();
                return ExitCodes.Ok;
            }
            return MoveToTrash(context, context.Trash(parse), plan, storeOf);
        });
        return command;
    }

    /// <summary>The settings file's policy (or the default) with the given options laid over it; invalid = usage error.</summary>
    internal static (RetentionPolicy Policy, string Origin) Policy(CliContext context, string? olderThan, int? maxCount, string? status)
    {
        string settingsPath = CleanupSettings.DefaultPath(name => name == "HOME" ? context.Host.HomeDirectory : context.Host.Environment(name));
        RetentionPolicy policy;
        try
        {
            policy = CleanupSettings.Load(settingsPath);
        }
        catch (InvalidDataException e)
        {
            throw CliException.Usage(e.Message);
        }
        string origin = File.Exists(settingsPath) ? settingsPath : "default";
        if (olderThan is not null)
        {
            if (!RetentionDuration.TryParse(olderThan, out var age, out string? error)) throw CliException.Usage($"--older-than: {error}");
            policy = policy with { OlderThan = age };
        }
        if (maxCount is not null) policy = policy with { MaxCount = maxCount };
        if (status is not null) policy = policy with { Status = status.Trim() == RetentionPolicy.AnyStatus ? null : status.Trim().ToLowerInvariant() };
        if (olderThan is not null || maxCount is not null || status is not null) origin += " + options";
        if (policy.Validate() is { } problem) throw CliException.Usage(problem);
        return (policy, origin);
    }

    private static void WriteCandidates(CliContext context, CleanupPlan plan)
    {
        var table = new TextTable(
            new TextColumn("ID"),
            new TextColumn("TITLE", Flexible: true, MinimumWidth: 12),
            new TextColumn("STATUS"),
            new TextColumn("LAST ACTIVE"),
            new TextColumn("SIZE", AlignRight: true),
            new TextColumn("WHY"));
        foreach (var c in plan.Candidates)
        {
            table.AddRow(c.Session.Ref.ToString(), c.Session.Title, SessionWording.Status(c.Session),
                SessionWording.Age(c.Session.LastActive ?? c.Session.CreatedAt, context.Host.Clock), Wording.Bytes(c.SizeBytes), c.Reason);
        }
        table.Write(context.Out, context.ScreenWidth);
        context.Out.WriteLine($"{Wording.Count(plan.Candidates.Count, "session")}, {Wording.Bytes(plan.TotalBytes)}. They go to the trash: 'trash restore ID' brings one back.");
    }

    private static void WriteExempt(CliContext context, CleanupPlan plan)
    {
        if (plan.Exempt.Count == 0) return;
        var kinds = plan.Exempt.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => g.Key switch
        {
            ExemptionKind.Live => $"{g.Count()} live",
            ExemptionKind.Interrupted => $"{g.Count()} interrupted",
            ExemptionKind.Damaged => $"{g.Count()} damaged",
            _ => $"{g.Count()} of unknown age",
        });
        context.Out.WriteLine($"Never touched by cleanup: {string.Join(", ", kinds)}.");
    }

    private static int MoveToTrash(CliContext context, SessionTrash trash, CleanupPlan plan, Dictionary<SessionSummary, ISessionStore> storeOf)
    {
        int moved = 0, failed = 0;
        // One batch per store, so a shared record file (index.json) is rewritten per batch, not per session.
        foreach (var group in plan.Candidates.GroupBy(c => storeOf[c.Session], ReferenceEqualityComparer.Instance))
        {
            var store = (ISessionStore)group.Key!;
            moved += trash.DeleteSessions(store, group.Select(c => c.Session), (id, e) =>
            {
                // One session that cannot go (it became live, a file is busy) must not stop the rest.
                failed++;
                context.Error.WriteLine($"{new SessionRef(store.Source, id)} was not moved: {e.Message}");
            }).Count;
        }
        context.Out.WriteLine($"Moved {Wording.Count(moved, "session")} to the trash.");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
