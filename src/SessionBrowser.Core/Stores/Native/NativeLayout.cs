namespace SessionBrowser.Core.Stores.Native;

/// <summary>File and folder names of the reference layout (FORMATS.md §1).</summary>
public static class NativeLayout
{
    public const string IndexFile = "index.json";
    public const string MetadataFile = "metadata.json";
    public const string MessagesFile = "messages.jsonl";
    public const string SnapshotsFolder = "snapshots";
    public const string ArtifactsFolder = "artifacts";
    public const string LockFile = ".lock";

    /// <summary>What is read of a metadata.json at most; a larger one is a damaged session (real ones are a few hundred bytes).</summary>
    public const long MaxMetadataBytes = 1 << 20;

    public static string SnapshotFile(int step) => $"step_{step}.json";

    /// <summary>The step of a <c>step_N.json</c> name, or null for any other name.</summary>
    public static int? StepOf(string fileName)
    {
        if (!fileName.StartsWith("step_", StringComparison.Ordinal) || !fileName.EndsWith(".json", StringComparison.Ordinal))
            return null;
        var digits = fileName.AsSpan(5, fileName.Length - 10);
        return int.TryParse(digits, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int step)
            ? step : null;
    }

    /// <summary>Entries of the store root whose names start with a dot (.trash, ignore lists, temp files) are never sessions.</summary>
    public static bool IsHidden(string name) => name.StartsWith('.');
}
