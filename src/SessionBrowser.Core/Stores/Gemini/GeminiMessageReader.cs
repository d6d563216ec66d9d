using System.Text.Json;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Yields a transcript's messages by reading each one's byte range back from the file, so
/// memory holds one message at a time. Lines that could not be read come as damaged records
/// at their place in the file.
/// </summary>
internal static class GeminiMessageReader
{
    public static IEnumerable<MessageRecord> Read(string path, GeminiTranscript transcript, CancellationToken cancellationToken)
    {
        Storage.RegularFile.Check(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using (handle)
        {
            var bad = new Queue<(long Offset, string Reason)>(transcript.BadLines.OrderBy(b => b.Offset));
            (long Offset, JsonDocument Document)? line = null;
            int index = 0;
            try
            {
                foreach (var facts in transcript.Messages.Values.ToList())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    while (bad.Count > 0 && bad.Peek().Offset < facts.FirstOffset)
                    {
                        var (offset, reason) = bad.Dequeue();
                        yield return new MessageRecord(index, offset, null, reason);
                    }
                    var record = ReadOne(handle, facts.Slot, ref line);
                    yield return record is { } message
                        ? new MessageRecord(index++, facts.Slot.Offset, message)
                        : new MessageRecord(index, facts.Slot.Offset, null, $"message {facts.Id} changed on disk while reading");
                }
                while (bad.Count > 0)
                {
                    var (offset, reason) = bad.Dequeue();
                    yield return new MessageRecord(index, offset, null, reason);
                }
            }
            finally
            {
                line?.Document.Dispose();
            }
        }
    }

    /// <summary>The message at a slot; a line holding a whole message array is parsed once for all of them.</summary>
    private static Message? ReadOne(Microsoft.Win32.SafeHandles.SafeFileHandle handle, MessageSlot slot, ref (long Offset, JsonDocument Document)? line)
    {
        try
        {
            if (slot.ArrayIndex < 0)
            {
                using var document = GeminiTranscriptReader.Parse(ReadBytes(handle, slot), out _);
                return GeminiMessages.ToMessage(document.RootElement);
            }
            if (line?.Offset != slot.Offset)
            {
                line?.Document.Dispose();
                line = (slot.Offset, GeminiTranscriptReader.Parse(ReadBytes(handle, slot), out _));
            }
            var root = line.Value.Document.RootElement;
            var array = (slot.InSet ? root.GetProperty("$set") : root).GetProperty("messages");
            return GeminiMessages.ToMessage(array[slot.ArrayIndex]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static byte[] ReadBytes(Microsoft.Win32.SafeHandles.SafeFileHandle handle, MessageSlot slot)
    {
        byte[] bytes = new byte[slot.Length];
        int done = 0;
        while (done < bytes.Length)
        {
            int read = RandomAccess.Read(handle, bytes.AsSpan(done), slot.Offset + done);
            if (read == 0) throw new IOException("file is shorter than when it was indexed");
            done += read;
        }
        return bytes;
    }
}
