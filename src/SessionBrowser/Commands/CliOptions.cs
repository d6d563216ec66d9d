using System.CommandLine;
using System.Globalization;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Commands;

/// <summary>Options several commands share, so each is spelled and checked the same way everywhere.</summary>
public static class CliOptions
{
    public static Option<bool> Json(string what = "Print JSON instead of text") => new("--json") { Description = what };

    public static Option<bool> Yes(string what) => new("--yes", "-y") { Description = what };

    /// <summary>A whole number of at least <paramref name="minimum"/>; anything else is a usage error.</summary>
    public static Option<int?> Number(string name, string description, int minimum = 1, string helpName = "N")
    {
        return new Option<int?>(name)
        {
            Description = description,
            HelpName = helpName,
            // Our own parser: the library's message for "abc" or 99999999999 names the type (System.Nullable`1[...]).
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                string must = minimum == 1 ? $"{name} must be a positive number" : $"{name} must be at least {minimum}";
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                    result.AddError($"{must}, not '{text}'");
                else if (value < minimum) result.AddError(must);
                else if (value > int.MaxValue) result.AddError($"{name} is at most {int.MaxValue}");
                else return (int)value;
                return null;
            },
        };
    }

    /// <summary>A duration in Gemini's grammar (30d, 12h, 2w, 6m); junk and 0 are usage errors with the reason.</summary>
    public static Option<RetentionDuration?> Duration(string name, string description)
    {
        return new Option<RetentionDuration?>(name)
        {
            Description = description,
            HelpName = "DURATION",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (RetentionDuration.TryParse(text, out var duration, out string? error)) return duration;
                result.AddError($"{name}: {error}");
                return null;
            },
        };
    }
}
