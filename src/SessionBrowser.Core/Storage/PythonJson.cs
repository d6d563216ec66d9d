using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Writes JSON byte-for-byte the way Python's <c>json.dumps</c> does with its defaults
/// (<c>ensure_ascii=True</c>): every character outside printable ASCII as a lowercase
/// <c>\uXXXX</c> escape, <c>", "</c> / <c>": "</c> separators on one line, or <c>indent=2</c>
/// with <c>","</c> at line ends for documents. The reference Python code then reads our files
/// unchanged, and a file it wrote and we rewrote without changes stays identical.
/// </summary>
public static class PythonJson
{
    /// <summary>One line, like <c>json.dumps(value)</c> (used for messages.jsonl).</summary>
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder(256);
        Write(text, node, indent: null, depth: 0);
        return text.ToString();
    }

    /// <summary>Indented by two spaces, like <c>json.dump(value, f, indent=2)</c> (no trailing newline).</summary>
    public static string SerializeIndented(JsonNode? node)
    {
        var text = new StringBuilder(512);
        Write(text, node, indent: 2, depth: 0);
        return text.ToString();
    }

    public static void Write(StringBuilder text, JsonNode? node, int? indent, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, indent, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, indent, depth);
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, int? indent, int depth)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }
        text.Append('{');
        bool first = true;
        foreach (var (key, child) in obj)
        {
            Separator(text, indent, depth + 1, first);
            first = false;
            AppendString(text, key);
            text.Append(": ");
            Write(text, child, indent, depth + 1);
        }
        Close(text, indent, depth);
        text.Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, int? indent, int depth)
    {
        if (array.Count == 0)
        {
            text.Append("[]");
            return;
        }
        text.Append('[');
        for (int i = 0; i < array.Count; i++)
        {
            Separator(text, indent, depth + 1, i == 0);
            Write(text, array[i], indent, depth + 1);
        }
        Close(text, indent, depth);
        text.Append(']');
    }

    private static void Separator(StringBuilder text, int? indent, int depth, bool first)
    {
        if (indent is int width)
        {
            if (!first) text.Append(',');
            text.Append('\n').Append(' ', width * depth);
        }
        else if (!first)
        {
            text.Append(", ");
        }
    }

    private static void Close(StringBuilder text, int? indent, int depth)
    {
        if (indent is int width) text.Append('\n').Append(' ', width * depth);
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: AppendString(text, element.GetString()!); return;
                // A number read from a file keeps its exact text (Python wrote "1.0", we keep "1.0").
                case JsonValueKind.Number: text.Append(element.GetRawText()); return;
                case JsonValueKind.True: text.Append("true"); return;
                case JsonValueKind.False: text.Append("false"); return;
                case JsonValueKind.Null: text.Append("null"); return;
                default: Write(text, JsonNode.Parse(element.GetRawText()), null, 0); return;
            }
        }
        if (value.TryGetValue(out string? s)) AppendString(text, s);
        else if (value.TryGetValue(out bool b)) text.Append(b ? "true" : "false");
        else if (value.TryGetValue(out int i)) text.Append(i.ToString(CultureInfo.InvariantCulture));
        else if (value.TryGetValue(out long l)) text.Append(l.ToString(CultureInfo.InvariantCulture));
        else if (value.TryGetValue(out double d)) text.Append(FormatFloat(d));
        else if (value.TryGetValue(out float f)) text.Append(FormatFloat(f));
        else if (value.TryGetValue(out decimal m)) text.Append(m.ToString(CultureInfo.InvariantCulture));
        else if (value.TryGetValue(out char c)) AppendString(text, c.ToString());
        else text.Append(value.ToJsonString());
    }

    /// <summary>
    /// Appends a JSON string literal as Python's <c>json.dumps</c> writes it: quotes, backslashes and
    /// control characters escaped, and with <paramref name="ensureAscii"/> (Python's default) every
    /// other non-ASCII character as <c>\uXXXX</c> too; without it (Kimi CLI's setting) as is.
    /// </summary>
    public static void AppendString(StringBuilder text, string value, bool ensureAscii = true)
    {
        text.Append('"');
        int runStart = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= ' ' && c != '"' && c != '\\' && (c <= '~' || !ensureAscii)) continue;
            text.Append(value, runStart, i - runStart);
            runStart = i + 1;
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        text.Append(value, runStart, value.Length - runStart);
        text.Append('"');
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, <c>1.0</c> not <c>1</c>, <c>1e-05</c>, <c>1e+16</c>.</summary>
    public static string FormatFloat(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        string sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        if (value == 0) return sign + "0.0";

        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int dot = mantissa.IndexOf('.');
        string allDigits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int pointPos = dot < 0 ? mantissa.Length : dot;
        int leadingZeros = 0;
        while (leadingZeros < allDigits.Length - 1 && allDigits[leadingZeros] == '0') leadingZeros++;
        string digits = allDigits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        int exp10 = pointPos - leadingZeros - 1 + exponent;

        var text = new StringBuilder(sign);
        if (exp10 < -4 || exp10 >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exp10 < 0 ? '-' : '+').Append(Math.Abs(exp10).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exp10 >= 0)
        {
            if (digits.Length <= exp10 + 1)
                text.Append(digits).Append('0', exp10 + 1 - digits.Length).Append(".0");
            else
                text.Append(digits, 0, exp10 + 1).Append('.').Append(digits, exp10 + 1, digits.Length - exp10 - 1);
        }
        else
        {
            text.Append("0.").Append('0', -exp10 - 1).Append(digits);
        }
        return text.ToString();
    }
}
