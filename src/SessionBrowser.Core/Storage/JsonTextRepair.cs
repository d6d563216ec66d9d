using System.Text;
using System.Text.Unicode;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Makes JSON bytes safe to read as text before they are parsed. System.Text.Json parses
/// invalid UTF-8 (a 0xFF byte, an overlong or cut multibyte sequence) and escaped lone
/// surrogates (<c>"\udcff"</c>: Python writes them for undecodable file names, JavaScript when a
/// string is cut mid-emoji) without complaint, and throws only later, when the string is read,
/// naming no file. Here such text becomes U+FFFD, and the caller is told so it can mark the
/// line or session damaged. Valid input is returned as is, with one vectorised check.
/// </summary>
public static class JsonTextRepair
{
    /// <summary>What a caller says about a file or line that needed repair.</summary>
    public const string Problem = "holds invalid text (bad UTF-8 or a lone surrogate), shown with replacement characters";

    /// <summary>Null when the bytes are clean (the usual case); otherwise a repaired copy to parse instead.</summary>
    public static byte[]? Repaired(ReadOnlySpan<byte> bytes)
    {
        byte[]? copy = null;
        if (!Utf8.IsValid(bytes))
        {
            // The default decoder replaces every invalid sequence with U+FFFD.
            copy = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes));
            bytes = copy;
        }
        if (bytes.IndexOf("\\u"u8) >= 0 && ReplaceLoneSurrogateEscapes(bytes) is { } escaped) copy = escaped;
        return copy;
    }

    /// <summary>A copy with every <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a pair written as <c>\ufffd</c>; null when there is none.</summary>
    private static byte[]? ReplaceLoneSurrogateEscapes(ReadOnlySpan<byte> json)
    {
        byte[]? result = null;
        for (int i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] != 'u')
            {
                i++; // \" or \\: the escaped byte is never the start of another escape
                continue;
            }
            if (Escaped(json, i) is not int unit || unit is < 0xD800 or > 0xDFFF)
            {
                i += 1;
                continue;
            }
            bool pair = unit <= 0xDBFF && Escaped(json, i + 6) is int low && low is >= 0xDC00 and <= 0xDFFF;
            if (pair)
            {
                i += 11;
                continue;
            }
            result ??= json.ToArray();
            "\\ufffd"u8.CopyTo(result.AsSpan(i));
            i += 5;
        }
        return result;
    }

    /// <summary>The code unit of a <c>\uXXXX</c> escape at <paramref name="at"/>, or null.</summary>
    private static int? Escaped(ReadOnlySpan<byte> json, int at)
    {
        if (at + 6 > json.Length || json[at] != '\\' || json[at + 1] != 'u') return null;
        int value = 0;
        for (int k = at + 2; k < at + 6; k++)
        {
            int digit = HexValue(json[k]);
            if (digit < 0) return null;
            value = value * 16 + digit;
        }
        return value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
