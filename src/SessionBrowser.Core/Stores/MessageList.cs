using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// A session's messages by position, for viewers of huge sessions: <see cref="Count"/> is known at
/// once and <see cref="Get"/> reads one line, so a 100 MB messages.jsonl opens without being
/// parsed and memory stays flat (one offset per message). Positions count every record, damaged
/// lines included, as <see cref="SearchHit.MessageIndex"/> does. The line offsets come from the
/// offset cache when the file has not changed since, and only the appended part is scanned when
/// it grew. Stores that cannot seek (<see cref="ISeekableMessages"/>) are read whole once.
/// </summary>
public sealed class MessageList
{
    private readonly ISessionStore _store;
    private readonly ISeekableMessages? _seekable;
    private readonly IMessageOffsetCache? _cache;
    private readonly string _id;
    private List<long> _offsets = [];
    private FileStamp _stamp = FileStamp.Missing;
    private List<MessageRecord>? _records;
    private (int Start, List<MessageRecord> Records) _window = (0, []);

    private MessageList(ISessionStore store, string id, IMessageOffsetCache? cache)
    {
        _store = store;
        _id = id;
        _seekable = store as ISeekableMessages;
        _cache = cache;
    }

    public string SessionId => _id;

    public int Count => _records?.Count ?? _offsets.Count;

    public static MessageList Open(ISessionStore store, string id, IMessageOffsetCache? cache = null, CancellationToken cancellationToken = default)
    {
        var list = new MessageList(store, id, cache);
        list.Load(cancellationToken);
        return list;
    }

    /// <summary>Picks up records appended since opening (a live session); returns how many came.</summary>
    public int Refresh(CancellationToken cancellationToken = default)
    {
        int before = Count;
        Load(cancellationToken);
        _window = (0, []);
        return Count - before;
    }

    public MessageRecord Get(int index) => GetRange(index, 1)[0];

    /// <summary>Up to <paramref name="count"/> records from <paramref name="start"/>, read in one pass.</summary>
    public IReadOnlyList<MessageRecord> GetRange(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (start >= Count) throw new ArgumentOutOfRangeException(nameof(start), $"{start} is past the last message ({Count})");
        count = Math.Min(count, Count - start);
        if (_records is not null) return _records.GetRange(start, count);
        if (start >= _window.Start && start + count <= _window.Start + _window.Records.Count)
            return _window.Records.GetRange(start - _window.Start, count);
        var records = _store.ReadMessages(_id, _offsets[start], start)
            .Take(count)
            .Select((r, k) => r with { Index = start + k })
            .ToList();
        // The file can shrink behind our back (a restore); show what is there rather than fail.
        while (records.Count < count) records.Add(new MessageRecord(start + records.Count, _offsets[start + records.Count], null, "the file changed while reading; refresh"));
        _window = (start, records);
        return records;
    }

    private void Load(CancellationToken cancellationToken)
    {
        if (_seekable is null)
        {
            _records = _store.ReadMessages(_id, cancellationToken).Select((r, k) => r with { Index = k }).ToList();
            return;
        }
        var stamp = (_store as IStampedStore)?.StampOf(_id)?.Messages;
        var known = _offsets.Count > 0 ? new CachedOffsets(_stamp, _offsets) : _cache?.TryGet(_id);
        if (known is not null && stamp is { } now && known.Stamp == now)
        {
            _offsets = [.. known.Offsets];
        }
        else if (known is { Offsets.Count: > 0 } && stamp is { } grown && grown.Length >= known.Stamp.Length)
        {
            // Appended since: rescan from the last known line (it must still start there) onwards.
            long last = known.Offsets[^1];
            var tail = _seekable.MessageOffsets(_id, last, cancellationToken);
            _offsets = tail.Count > 0 && tail[0] == last
                ? [.. known.Offsets, .. tail.Skip(1)]
                : [.. _seekable.MessageOffsets(_id, 0, cancellationToken)];
        }
        else
        {
            _offsets = [.. _seekable.MessageOffsets(_id, 0, cancellationToken)];
        }
        _stamp = stamp ?? FileStamp.Missing;
        if (stamp is not null && _cache is not null && known?.Stamp != stamp) _cache.Put(_id, new CachedOffsets(_stamp, _offsets));
    }
}

/// <summary>Line offsets of a messages file as they were when its stamp was taken.</summary>
public sealed record CachedOffsets(FileStamp Stamp, IReadOnlyList<long> Offsets);

/// <summary>Where <see cref="MessageList"/> keeps offsets between runs (the search index's database).</summary>
public interface IMessageOffsetCache
{
    CachedOffsets? TryGet(string id);
    void Put(string id, CachedOffsets offsets);
}
