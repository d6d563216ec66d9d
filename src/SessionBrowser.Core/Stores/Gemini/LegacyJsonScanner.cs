using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Streams a legacy session document <c>{sessionId, …, messages: [...]}</c> with
/// Utf8JsonReader through a buffer that grows only to the largest single value, handing each
/// top-level field and each message (with its byte range) to the transcript. A file cut off
/// mid-way keeps every message before the cut and reports the cut.
/// </summary>
internal sealed class LegacyJsonScanner
{
    private enum Phase { Start, Fields, Messages, Done }

    private readonly Stream _stream;
    private readonly GeminiTranscript _transcript;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;
    private long _bufferOffset;
    private bool _eof;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    private Phase _phase = Phase.Start;

    private LegacyJsonScanner(Stream stream, GeminiTranscript transcript)
    {
        _stream = stream;
        _transcript = transcript;
    }

    /// <summary>Null when the whole document was read; otherwise why it stopped.</summary>
    public static string? Scan(Stream stream, GeminiTranscript transcript, CancellationToken cancellationToken) =>
        new LegacyJsonScanner(stream, transcript).Run(cancellationToken);

    private string? Run(CancellationToken cancellationToken)
    {
        Fill();
        if (_end - _start >= 3 && _buffer.AsSpan(_start, 3).SequenceEqual("\uFEFF"u8)) _start += 3;
        while (_phase != Phase.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool stepped;
            try
            {
                stepped = Step();
            }
            catch (JsonException) when (_eof && EndsMidValue())
            {
                return Truncated;
            }
            catch (JsonException e)
            {
                return $"not valid JSON after byte {_bufferOffset + _start} ({e.Message.Split('.')[0]})";
            }
            catch (InvalidOperationException e)
            {
                return $"not a session document: {e.Message}";
            }
            if (stepped) continue;
            if (_eof) return _end == _start && _phase == Phase.Start ? "the file is empty" : Truncated;
            Fill();
        }
        return null;
    }

    private const string Truncated = "the file ends before the JSON document does (truncated)";

    /// <summary>At the end of the file, whether the failing value would be fine if more bytes followed: a cut, not junk.</summary>
    private bool EndsMidValue()
    {
        try
        {
            return !Step(finalBlock: false);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>One whole token or value from the buffer; false when the buffer holds only part of it.</summary>
    private bool Step() => Step(_eof);

    private bool Step(bool finalBlock)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), finalBlock, _state);
        switch (_phase)
        {
            case Phase.Start:
                if (!reader.Read()) return false;
                if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidOperationException("the top level is not an object");
                _phase = Phase.Fields;
                break;
            case Phase.Fields:
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    _phase = Phase.Done;
                    break;
                }
                string name = reader.GetString()!;
                if (!reader.Read()) return false;
                if (name == "messages" && reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.Messages;
                    break;
                }
                if (!TryValue(ref reader, out long start, out int length)) return false;
                using (var document = Parse(start, length)) _transcript.ApplyLegacyProperty(name, document.RootElement);
                break;
            case Phase.Messages:
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Fields;
                    break;
                }
                if (!TryValue(ref reader, out long at, out int size)) return false;
                using (var document = Parse(at, size))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                        _transcript.ApplyLegacyMessage(document.RootElement, _bufferOffset + at, size);
                }
                break;
        }
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        return true;
    }

    /// <summary>The current value's start (in the buffer) and length, once all of it is buffered.</summary>
    private bool TryValue(ref Utf8JsonReader reader, out long start, out int length)
    {
        start = _start + reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            if (!reader.TrySkip())
            {
                length = 0;
                return false;
            }
        }
        length = (int)(_start + reader.BytesConsumed - start);
        return true;
    }

    private JsonDocument Parse(long bufferStart, int length)
    {
        var document = GeminiTranscriptReader.Parse(_buffer.AsMemory((int)bufferStart, length), out bool repaired);
        long at = _bufferOffset + bufferStart;
        if (repaired) _transcript.BadLines.Add((at, $"value at byte {at} {JsonTextRepair.Problem}"));
        return document;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _bufferOffset += _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        while (_end < _buffer.Length)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return;
            }
            _end += read;
        }
    }
}
