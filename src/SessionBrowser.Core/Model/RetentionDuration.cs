using System.Globalization;
using System.Text.RegularExpressions;

namespace SessionBrowser.Core.Model;

/// <summary>
/// A retention period in Gemini CLI's grammar <c>^(\d+)([dhwm])$</c>: h hours, d days, w weeks,
/// m 30-day months. Zero is rejected, as Gemini does. Shared by the native cleanup and the
/// Gemini retention settings so both read "30d" the same way.
/// </summary>
public readonly record struct RetentionDuration(int Value, char Unit)
{
    // ASCII digits only and \z rather than $: .NET's \d matches any Unicode digit and $ also
    // matches before a trailing newline, neither of which Gemini's JavaScript regex accepts.
    private static readonly Regex Grammar = new(@"^([0-9]+)([dhwm])\z", RegexOptions.CultureInvariant);

    public const string GrammarHelp = "a whole number followed by h (hours), d (days), w (weeks) or m (30-day months), e.g. 30d";

    public TimeSpan ToTimeSpan() => Unit switch
    {
        'h' => TimeSpan.FromHours(Value),
        'd' => TimeSpan.FromDays(Value),
        'w' => TimeSpan.FromDays(7.0 * Value),
        _ => TimeSpan.FromDays(30.0 * Value),
    };

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + Unit;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why in one line.</summary>
    public static bool TryParse(string? text, out RetentionDuration duration, out string? error)
    {
        duration = default;
        var match = Grammar.Match(text ?? "");
        if (!match.Success)
        {
            error = $"invalid duration '{text}': expected {GrammarHelp}";
            return false;
        }
        if (!int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            || !Fits(value, match.Groups[2].Value[0]))
        {
            error = $"invalid duration '{text}': too large";
            return false;
        }
        if (value == 0)
        {
            error = $"invalid duration '{text}': must be greater than 0";
            return false;
        }
        duration = new RetentionDuration(value, match.Groups[2].Value[0]);
        error = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the one-line reason.</summary>
    public static RetentionDuration Parse(string? text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    // TimeSpan tops out near 29,000 years; anything beyond is a typo, not a policy.
    private static bool Fits(int value, char unit) => unit switch
    {
        'h' => value <= 24 * 365 * 10_000,
        'd' => value <= 365 * 10_000,
        'w' => value <= 52 * 10_000,
        _ => value <= 12 * 10_000,
    };
}
