using System.Text;
using System.Text.Json;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// String values read by the forward-only line readers without making a new string each time the
/// value is one seen before: a line's "type" is one of a few names, its "cwd" and "gitBranch" the
/// same on every line of a transcript, and a first list reads 400,000 lines (a string each, then
/// collected). The value is the one <see cref="JsonValues.String"/> gives: equal text, the same
/// string object. <see cref="Known"/> is a fixed list (shared, any thread); <see cref="Repeated"/>
/// keeps the last value (one reader's, one thread's).
/// </summary>
internal static class KnownStrings
{
    public sealed class Known(params string[] values)
    {
        private readonly (byte[] Utf8, string Text)[] _values = [.. values.Select(v => (Encoding.UTF8.GetBytes(v), v))];

        /// <summary>As <see cref="JsonValues.String"/>.</summary>
        public string? Read(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String) return Current(ref reader);
            reader.Skip();
            return null;
        }

        /// <summary>The string token the reader is on, as GetString gives it.</summary>
        public string Current(ref Utf8JsonReader reader)
        {
            foreach (var (utf8, text) in _values)
                if (reader.ValueTextEquals(utf8)) return text;
            return reader.GetString()!;
        }
    }

    public sealed class Repeated
    {
        private string? _last;

        /// <summary>As <see cref="JsonValues.String"/>.</summary>
        public string? Read(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return null;
            }
            if (_last is not null && reader.ValueTextEquals(_last)) return _last;
            return _last = reader.GetString();
        }
    }
}
