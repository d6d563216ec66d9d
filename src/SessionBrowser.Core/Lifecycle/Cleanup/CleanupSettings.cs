using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// The default cleanup policy from the user's settings file
/// (<c>$XDG_CONFIG_HOME/sessionbrowser/config.json</c>, else <c>~/.config/…</c>):
/// <code>{"cleanup": {"older_than": "30d", "max_count": 200, "status": "completed"}}</code>
/// A missing file or section means the reference's default; a field left out keeps the
/// default's value, <c>null</c> switches that limit off. A file that cannot be understood is an
/// error, never silently ignored: a typo must not turn a careful policy into a different one.
/// </summary>
public static class CleanupSettings
{
    public static string DefaultPath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? configHome = environment("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome) || !System.IO.Path.IsPathRooted(configHome))
            configHome = System.IO.Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(configHome, "sessionbrowser", "config.json");
    }

    /// <summary>The policy the file sets; <see cref="RetentionPolicy.Default"/> when there is no file.</summary>
    /// <exception cref="InvalidDataException">The file is unreadable JSON or holds an invalid policy.</exception>
    public static RetentionPolicy Load(string path)
    {
        if (!File.Exists(path)) return RetentionPolicy.Default;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})");
        }
        if (root is not JsonObject settings) throw new InvalidDataException($"{path}: expected a JSON object");
        if (!settings.TryGetPropertyValue("cleanup", out var section) || section is null) return RetentionPolicy.Default;
        if (section is not JsonObject cleanup) throw new InvalidDataException($"{path}: \"cleanup\" must be an object");

        var policy = RetentionPolicy.Default;
        foreach (var (name, value) in cleanup)
        {
            policy = name switch
            {
                "older_than" => policy with { OlderThan = value is null ? null : ReadDuration(path, value) },
                "max_count" => policy with { MaxCount = value is null ? null : ReadCount(path, value) },
                "status" => policy with { Status = ReadStatus(path, value) },
                _ => throw new InvalidDataException($"{path}: unknown cleanup setting \"{name}\" (known: older_than, max_count, status)"),
            };
        }
        if (policy.Validate() is { } error) throw new InvalidDataException($"{path}: {error}");
        return policy;
    }

    private static RetentionDuration ReadDuration(string path, JsonNode value)
    {
        string? text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return RetentionDuration.TryParse(text, out var duration, out var error)
            ? duration : throw new InvalidDataException($"{path}: cleanup.older_than: {error}");
    }

    private static int ReadCount(string path, JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue(out int count)
            ? count : throw new InvalidDataException($"{path}: cleanup.max_count must be a whole number");

    private static string? ReadStatus(string path, JsonNode? value)
    {
        if (value is null || value.GetValueKind() != JsonValueKind.String)
            throw new InvalidDataException($"{path}: cleanup.status must be a status name or \"{RetentionPolicy.AnyStatus}\"");
        string status = value.GetValue<string>();
        return status == RetentionPolicy.AnyStatus ? null : status;
    }
}
