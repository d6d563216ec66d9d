using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary><c>show ID [--json]</c>: a session's messages, streamed as they are read.</summary>
public static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The session id (or a unique start of it, or source:id)" };
        var json = CliOptions.Json("Print JSON: {id, metadata, messages, snapshots}");
        var command = new Command("show", "Show a session's messages") { id, json };
        command.SetAction(parse =>
        {
            var match = context.Resolve(context.Sources(parse), parse.GetValue(id)!);
            if (parse.GetValue(json)) WriteJson(context.Out, match);
            else WriteText(context, match);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// {"id", "source", "title", "damaged", "metadata", "messages": [...], "snapshots": [...],
    /// "damaged_lines": [{"index", "offset", "reason"}]}. Messages are flushed in batches so a
    /// reader sees them while a long file is still being read.
    /// </summary>
    private static void WriteJson(TextWriter output, SessionMatch match)
    {
        var (store, session) = match;
        var damagedLines = new List<MessageRecord>();
        using var json = JsonOutput.Open(output);
        var writer = json.Writer;
        writer.WriteStartObject();
        writer.WriteString("id", session.Id);
        writer.WriteString("source", session.Source);
        writer.WriteString("title", session.Title);
        SessionJson.WriteStringOrNull(writer, "damaged", session.Damaged);
        writer.WritePropertyName("metadata");
        // metadata.json as on disk: the reference's field order, then unknown fields kept from the file.
        if (session.Metadata is { } metadata) NativeJson.WriteMetadata(metadata).WriteTo(writer);
        else writer.WriteNullValue();

        writer.WriteStartArray("messages");
        int written = 0;
        foreach (var record in store.ReadMessages(session.Id))
        {
            if (record.Message is { } message)
            {
                SessionJson.WriteMessage(writer, message);
                if (++written % 200 == 0) json.Flush();
            }
            else
            {
                damagedLines.Add(record);
            }
        }
        writer.WriteEndArray();

        writer.WriteStartArray("snapshots");
        foreach (var snapshot in store.Snapshots(session.Id))
        {
            writer.WriteStartObject();
            writer.WriteNumber("step", snapshot.Step);
            writer.WriteString("timestamp", snapshot.Timestamp);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray("damaged_lines");
        foreach (var record in damagedLines)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", record.Index);
            writer.WriteNumber("offset", record.Offset);
            writer.WriteString("reason", record.Damage ?? "unreadable");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteText(CliContext context, SessionMatch match)
    {
        var (store, session) = match;
        var output = context.Out;
        var clock = context.Host.Clock;
        output.WriteLine(SessionWording.OneLine(session.Title));
        // The message count comes at the end, counted from what was shown (metadata's counter may be wrong).
        output.WriteLine($"id {session.Ref}  ·  {SessionWording.Status(session)}  ·  {SessionWording.Cost(session.TotalCost)}"
                         + (string.IsNullOrEmpty(session.Model) ? "" : $"  ·  {SessionWording.OneLine(session.Model)}"));
        output.WriteLine($"created {SessionWording.Time(session.CreatedAt)}  ·  last active {SessionWording.Time(session.LastActive)} ({SessionWording.Age(session.LastActive, clock)})");
        if (!string.IsNullOrEmpty(session.WorkDir)) output.WriteLine($"work dir {SessionWording.OneLine(session.WorkDir)}");
        if (session.Tags.Count > 0) output.WriteLine($"tags {SessionWording.OneLine(string.Join(", ", session.Tags))}");
        if (session.Damaged is { } reason) output.WriteLine($"damaged: {SessionWording.OneLine(reason)}");

        int shown = 0, unreadable = 0;
        foreach (var record in store.ReadMessages(session.Id))
        {
            output.WriteLine();
            if (record.Message is not { } message)
            {
                unreadable++;
                string damage = record.Damage ?? "unreadable";
                output.WriteLine($"── a line could not be read: {damage}" + (damage.Contains("byte", StringComparison.Ordinal) ? "" : $" (byte {record.Offset})"));
                continue;
            }
            shown++;
            string when = message.Time is { } time ? $" · {SessionWording.Time(time)}" : "";
            // #N as in search results and the browser: 1-based among the readable messages.
            output.WriteLine($"── #{record.Index + 1} {SessionWording.OneLine(message.Role)}{when}");
            output.WriteLine(SessionWording.Printable(message.Content).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine($"── {Wording.Count(shown, "message")}" + (unreadable > 0 ? $", {Wording.Count(unreadable, "unreadable line")}" : "") +
                         (session.MessageCount != shown ? $" (the metadata says {session.MessageCount})" : ""));
        var snapshots = store.Snapshots(session.Id);
        if (snapshots.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"── snapshots: {string.Join(", ", snapshots.Select(s => $"step {s.Step} ({SessionWording.Time(s.Time)})"))}");
        }
    }
}
