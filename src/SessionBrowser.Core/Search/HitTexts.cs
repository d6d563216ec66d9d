using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The text of the messages a search shows, read back from the store: the index keeps no text
/// (it would be larger than the sessions' files), only each message's position and the byte
/// offset of its record. A store whose records are one per line (<see cref="ISeekableMessages"/>)
/// reads just that line; any other reads each hit session once, keeping the wanted positions.
/// </summary>
internal sealed class HitTexts(ISessionStore store)
{
    private readonly Dictionary<string, Dictionary<int, string>> _wholeSessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _wanted = new(StringComparer.Ordinal);

    /// <summary>Says a message will be asked for, so a session read whole is read once for all its hits.</summary>
    public void Want(string sessionId, int position, long? offset)
    {
        if (Seeks(offset)) return;
        if (!_wanted.TryGetValue(sessionId, out var positions)) _wanted[sessionId] = positions = [];
        positions.Add(position);
    }

    /// <summary>
    /// The message's text as the store has it now; null when it is gone (the file changed since it
    /// was indexed) or cannot be read now (opencode's database busy, a file made unreadable).
    /// </summary>
    public string? Text(string sessionId, int position, long? offset, CancellationToken cancellationToken) =>
        ReadFailures.OrDamaged(() => Read(sessionId, position, offset, cancellationToken), _ => null);

    private string? Read(string sessionId, int position, long? offset, CancellationToken cancellationToken)
    {
        if (Seeks(offset))
        {
            var record = store.ReadMessages(sessionId, offset!.Value, position, cancellationToken).FirstOrDefault();
            return record is { Message: { } message } && record.Offset == offset ? message.Content : null;
        }
        if (!_wholeSessions.TryGetValue(sessionId, out var texts))
        {
            var wanted = _wanted.GetValueOrDefault(sessionId) ?? [position];
            // Remembered before reading, so a session that fails is not read again for its next hit.
            _wholeSessions[sessionId] = texts = [];
            foreach (var record in store.ReadMessages(sessionId, cancellationToken))
                if (record.Message is { } message && wanted.Contains(record.Index)) texts[record.Index] = message.Content;
        }
        return texts.GetValueOrDefault(position);
    }

    private bool Seeks(long? offset) => offset is not null && store is ISeekableMessages;
}
