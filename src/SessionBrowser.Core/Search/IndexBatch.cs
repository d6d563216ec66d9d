using System.Text;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A run of one session's records as the index writes them: each message's text already in
/// UTF-8 and ready for the tokenizer (<see cref="TextTokens.AppendForIndex"/>), its role, time
/// and hash. Made by a read-ahead thread, written by the index's one writer, then reused: a
/// first indexing of a million messages makes no string or object per message.
/// </summary>
internal sealed class IndexBatch
{
    /// <summary>One record: a message (<see cref="BodyLength"/> ≥ 0) or a damaged line (-1), which only takes a position.</summary>
    public readonly record struct Entry(long Offset, int RoleStart, int RoleLength, int BodyStart, int BodyLength, long? Ticks, long Hash)
    {
        public bool IsMessage => BodyLength >= 0;
    }

    private byte[] _text = new byte[64 * 1024];
    private byte[] _scratch = new byte[4 * 1024];
    private int _used;
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Bytes of text held: a streaming reader hands a batch over once it holds enough.</summary>
    public int TextBytes => _used;

    public Entry this[int index] => _entries[index];

    public ReadOnlySpan<byte> Role(in Entry entry) => _text.AsSpan(entry.RoleStart, entry.RoleLength);

    public ReadOnlySpan<byte> Body(in Entry entry) => _text.AsSpan(entry.BodyStart, entry.BodyLength);

    public void Clear()
    {
        _used = 0;
        _entries.Clear();
        // A batch that once held a huge session does not keep its memory for the next hundred.
        if (_text.Length > 4 << 20) _text = new byte[64 * 1024];
        if (_scratch.Length > 4 << 20) _scratch = new byte[4 * 1024];
    }

    /// <summary>A line that is not a message: it takes a position and an offset, nothing is indexed.</summary>
    public void AddDamaged(long offset) => _entries.Add(new Entry(offset, 0, 0, 0, -1, null, 0));

    /// <summary>A message whose role and content are UTF-8 (JSON escapes already undone).</summary>
    public void AddMessage(long offset, ReadOnlySpan<byte> role, ReadOnlySpan<byte> content, long? ticks)
    {
        int roleStart = _used;
        Append(role);
        int bodyStart = _used;
        Reserve(TextTokens.MaxForIndexLength(content.Length));
        _used += TextTokens.AppendForIndex(content, _text.AsSpan(_used));
        _entries.Add(new Entry(offset, roleStart, role.Length, bodyStart, _used - bodyStart, ticks, HashOf(role, content)));
    }

    /// <summary>A message another store read (or a line the native fast path left to the full reader).</summary>
    public void Add(long offset, Message? message)
    {
        if (message is null)
        {
            AddDamaged(offset);
            return;
        }
        int roleBytes = Encoding.UTF8.GetMaxByteCount(message.Role.Length), contentBytes = Encoding.UTF8.GetMaxByteCount(message.Content.Length);
        if (_scratch.Length < roleBytes + contentBytes) _scratch = new byte[Math.Max(roleBytes + contentBytes, _scratch.Length * 2)];
        int role = Encoding.UTF8.GetBytes(message.Role, _scratch);
        int content = Encoding.UTF8.GetBytes(message.Content, _scratch.AsSpan(role));
        AddMessage(offset, _scratch.AsSpan(0, role), _scratch.AsSpan(role, content), message.Time?.UtcTicks);
    }

    /// <summary>
    /// Tells "the last indexed line is still there" from "the file was rewritten" when a session
    /// continues from its last indexed record: role and content, eight bytes a step (an index
    /// made before this hash hashed UTF-16; such a session is re-read whole once, which is correct).
    /// </summary>
    internal static long HashOf(ReadOnlySpan<byte> role, ReadOnlySpan<byte> content)
    {
        ulong hash = 14695981039346656037;
        hash = Mix(hash, role);
        hash = (hash ^ 0xFF) * 1099511628211;
        hash = Mix(hash, content);
        return unchecked((long)hash);
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
            hash = (hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * 1099511628211;
        for (; i < bytes.Length; i++) hash = (hash ^ bytes[i]) * 1099511628211;
        return (hash ^ (ulong)bytes.Length) * 1099511628211;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_text.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes <= _text.Length) return;
        Array.Resize(ref _text, Math.Max(_used + bytes, _text.Length * 2));
    }
}
