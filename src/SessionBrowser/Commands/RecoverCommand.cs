using System.CommandLine;
using System.Globalization;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>recover [--json]</c>: the interrupted sessions (status active, nobody holds the lock). On a
/// terminal it asks the reference's [y/n] per session: y shows what resuming needs (latest
/// snapshot, progress, current task) and the command that resumes it; n offers to mark it crashed
/// so it is not offered again. Without a terminal it only lists them.
/// </summary>
public static class RecoverCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliOptions.Json("Print the interrupted sessions as JSON and ask nothing");
        var command = new Command("recover", "Find interrupted sessions and resume them or mark them crashed") { json };
        command.SetAction(parse =>
        {
            var store = context.NativeStore(parse);
            var recovery = new SessionRecovery(store, context.Host.Clock);
            // The command is an explicit request, so sessions hidden from the start-up prompt are included.
            var interrupted = recovery.FindInterrupted(includeIgnored: true);
            if (parse.GetValue(json))
            {
                WriteJson(context.Out, interrupted, store);
                return ExitCodes.Ok;
            }
            if (interrupted.Count == 0)
            {
                context.Out.WriteLine("No interrupted sessions.");
                return ExitCodes.Ok;
            }

            context.Out.WriteLine(interrupted.Count == 1
                ? "1 interrupted session (status active, but no process holds its lock):"
                : $"{interrupted.Count} interrupted sessions (status active, but no process holds their lock):");
            foreach (var session in interrupted)
            {
                context.Out.WriteLine();
                Describe(context, session);
                if (context.Host.IsInteractive) Ask(context, recovery, session);
            }
            if (!context.Host.IsInteractive)
            {
                context.Out.WriteLine();
                context.Out.WriteLine("Run this on a terminal to resume them or mark them crashed.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Describe(CliContext context, InterruptedSession session)
    {
        var output = context.Out;
        output.WriteLine($"{session.Id}  {SessionWording.OneLine(session.Title)}");
        output.WriteLine($"  last active  {SessionWording.Time(session.LastActive)} ({SessionWording.Age(session.LastActive, context.Host.Clock)})");
        output.WriteLine($"  progress     {Percent(session.Progress)}" + (session.CurrentTask is { } task ? $", current task: {SessionWording.OneLine(task)}" : ""));
        output.WriteLine(session.LatestSnapshotStep is { } step
            ? $"  snapshot     step {step} ({SessionWording.Time(Core.Model.Timestamps.Parse(session.LatestSnapshotTimestamp))})"
            : "  snapshot     none");
        output.WriteLine($"  lock         {(session.LastHolder is { } holder ? $"last held by {SessionWording.OneLine(holder.ToString())}" : "no record of who held it")}");
    }

    private static void Ask(CliContext context, SessionRecovery recovery, InterruptedSession session)
    {
        var output = context.Out;
        string answer = context.Ask("Recover this session? [y/n] ");
        if (answer is "y" or "yes")
        {
            var resume = recovery.Resume(session.Id);
            if (resume.LatestSnapshot is { } snapshot)
                output.WriteLine($"  Continue from snapshot step {snapshot.Step}: {SessionWording.OneLine(snapshot.State?.ToJsonString() ?? "{}")}");
            output.WriteLine(resume.Command is { } command
                ? $"  Resume it with: {ResumeLine(command)}"
                : "  Its agent has no resume command; open it with 'show' to continue by hand.");
            return;
        }
        if (context.Ask("Mark it as crashed so it is not offered again? [y/N] ") is "y" or "yes")
        {
            recovery.MarkCrashed(session.Id);
            output.WriteLine("  Marked crashed.");
        }
        else
        {
            output.WriteLine("  Left as it is.");
        }
    }

    /// <summary>A line to paste into a shell: cd to the work dir, then the command, each argument quoted when needed.</summary>
    internal static string ResumeLine(ResumeCommand command)
    {
        string run = string.Join(' ', command.Arguments.Select(ShellWord));
        return command.WorkingDirectory is { } dir ? $"cd {ShellWord(dir)} && {run}" : run;
    }

    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '=' or '@' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    private static string Percent(double progress) => progress.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>
    /// [{"id", "title", "description", "last_active", "progress", "current_task",
    ///   "latest_snapshot": {"step", "timestamp"} | null, "lock_holder": {"pid", "host", "since"} | null,
    ///   "resume": {"command": [...], "work_dir"} | null}]
    /// </summary>
    private static void WriteJson(TextWriter output, IReadOnlyList<InterruptedSession> sessions, ISessionStore store)
    {
        using var json = JsonOutput.Open(output);
        var writer = json.Writer;
        writer.WriteStartArray();
        foreach (var session in sessions)
        {
            writer.WriteStartObject();
            writer.WriteString("id", session.Id);
            writer.WriteString("title", session.Title);
            SessionJson.WriteStringOrNull(writer, "description", session.Description);
            SessionJson.WriteStringOrNull(writer, "last_active", session.Session.Metadata?.LastActive);
            writer.WriteNumber("progress", session.Progress);
            SessionJson.WriteStringOrNull(writer, "current_task", session.CurrentTask);
            writer.WritePropertyName("latest_snapshot");
            if (session.LatestSnapshotStep is { } step)
            {
                writer.WriteStartObject();
                writer.WriteNumber("step", step);
                SessionJson.WriteStringOrNull(writer, "timestamp", session.LatestSnapshotTimestamp);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WritePropertyName("lock_holder");
            if (session.LastHolder is { } holder)
            {
                writer.WriteStartObject();
                if (holder.Pid is { } pid) writer.WriteNumber("pid", pid);
                else writer.WriteNull("pid");
                SessionJson.WriteStringOrNull(writer, "host", holder.Host);
                SessionJson.WriteStringOrNull(writer, "since", holder.Since);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WritePropertyName("resume");
            if (store.ResumeCommandFor(session.Id) is { } command)
            {
                writer.WriteStartObject();
                SessionJson.WriteStrings(writer, "command", command.Arguments);
                SessionJson.WriteStringOrNull(writer, "work_dir", command.WorkingDirectory);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
