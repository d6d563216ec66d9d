using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>trash list [--json]</c>, <c>trash restore ID...</c>, <c>trash empty [--older-than 30d] [--yes]</c>:
/// the store's trash, where every delete goes.
/// </summary>
public static class TrashCommand
{
    public static Command Create(CliContext context) => new("trash", "Deleted sessions: list them, restore them, or empty the trash")
    {
        CreateList(context),
        CreateRestore(context),
        CreateEmpty(context),
    };

    private static Command CreateList(CliContext context)
    {
        var json = CliOptions.Json("Print a JSON array instead of a table");
        var command = new Command("list", "What is in the trash, most recently deleted first") { json };
        command.SetAction(parse =>
        {
            var entries = context.Trash(parse).List();
            if (parse.GetValue(json)) WriteJson(context.Out, entries);
            else WriteTable(context, entries);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRestore(CliContext context)
    {
        var ids = new Argument<string[]>("ID")
        {
            Description = "A deleted session's id (its most recent deletion) or a trash entry's id",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("restore", "Put deleted sessions back where they were") { ids };
        command.SetAction(parse =>
        {
            var trash = context.Trash(parse);
            // Find every entry before moving anything, so a typo restores nothing.
            var entries = parse.GetValue(ids)!.Select(id => FindEntry(trash, id)).DistinctBy(entry => entry.Id).ToList();
            var sources = context.Sources(parse);
            foreach (var entry in entries)
            {
                try
                {
                    trash.Restore(entry.Id, sources.Store(entry.Source));
                }
                catch (RestoreConflictException conflict)
                {
                    throw new CliException($"cannot restore {entry.SessionId}: {string.Join(", ", conflict.Conflicts)} already exists (nothing of it was moved)");
                }
                context.Out.WriteLine($"Restored {entry.Source}:{entry.SessionId}  {SessionWording.OneLine(entry.Title ?? "")}".TrimEnd());
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateEmpty(CliContext context)
    {
        var olderThan = CliOptions.Duration("--older-than", "Only entries deleted longer ago than this, e.g. 30d, 12h, 2w, 6m");
        var yes = CliOptions.Yes("Empty without asking (needed when there is no terminal)");
        var command = new Command("empty", "Remove trash entries for good, after showing them and asking") { olderThan, yes };
        command.SetAction(parse =>
        {
            var trash = context.Trash(parse);
            var age = parse.GetValue(olderThan);
            // The list shown is the list removed: entries that expire while the question waits stay.
            var going = trash.Expired(age?.ToTimeSpan());
            if (going.Count == 0)
            {
                context.Out.WriteLine(age is null ? "The trash is empty." : $"Nothing in the trash is older than {age}.");
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"These {Wording.Count(going.Count, "trash entry", "trash entries")} will be removed for good ({Wording.Bytes(going.Sum(e => e.Bytes))}):");
            foreach (var entry in going)
                context.Out.WriteLine($"  {entry.Source}:{entry.SessionId}  {SessionWording.OneLine(entry.Title ?? "")}  (deleted {SessionWording.Age(entry.DeletedTime, context.Host.Clock)})");
            if (!parse.GetValue(yes) && !context.Confirm("Remove them for good? This cannot be undone."))
            {
                context.Out.WriteLine("Nothing was removed.");
                return ExitCodes.Ok;
            }
            var removed = trash.Remove(going);
            context.Out.WriteLine($"Removed {removed.Count} trash entries.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An entry id, else the newest entry of that session id.</summary>
    private static TrashEntry FindEntry(SessionTrash trash, string id)
    {
        if (trash.Find(id) is { } entry) return entry;
        string sessionId = id.Contains(':') ? id[(id.IndexOf(':') + 1)..] : id;
        return trash.FindBySession(sessionId).FirstOrDefault()
            ?? throw new CliException($"nothing in the trash for '{id}' (see 'trash list')");
    }

    private static void WriteTable(CliContext context, IReadOnlyList<TrashEntry> entries)
    {
        if (entries.Count == 0)
        {
            context.Out.WriteLine("The trash is empty.");
            return;
        }
        var table = new TextTable(
            new TextColumn("ID"),
            new TextColumn("TITLE", Flexible: true, MinimumWidth: 12),
            new TextColumn("DELETED"),
            new TextColumn("SIZE", AlignRight: true),
            new TextColumn("ENTRY"));
        foreach (var entry in entries)
        {
            table.AddRow(
                entry.Source == "native" ? entry.SessionId : $"{entry.Source}:{entry.SessionId}",
                entry.Damaged is { } reason ? $"{entry.Title} ({reason})" : entry.Title ?? "",
                SessionWording.Age(entry.DeletedTime, context.Host.Clock),
                Wording.Bytes(entry.Bytes),
                entry.Id);
        }
        table.Write(context.Out, context.ScreenWidth);
    }

    /// <summary>[{"entry", "source", "session_id", "title", "deleted_at", "bytes", "items": [{"original", "kind"}], "damaged"}]</summary>
    private static void WriteJson(TextWriter output, IReadOnlyList<TrashEntry> entries)
    {
        using var json = JsonOutput.Open(output);
        var writer = json.Writer;
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("entry", entry.Id);
            writer.WriteString("source", entry.Source);
            writer.WriteString("session_id", entry.SessionId);
            SessionJson.WriteStringOrNull(writer, "title", entry.Title);
            writer.WriteString("deleted_at", entry.DeletedAt);
            writer.WriteNumber("bytes", entry.Bytes);
            writer.WriteStartArray("items");
            foreach (var item in entry.Items)
            {
                writer.WriteStartObject();
                writer.WriteString("original", item.OriginalPath);
                writer.WriteString("kind", item.Kind);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            SessionJson.WriteStringOrNull(writer, "damaged", entry.Damaged);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
