using System.Globalization;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Names for hidden folders a command works in before the result is moved into place
/// (<c>.import-4711-&lt;guid&gt;</c>): the maker's process id is in the name, so a later
/// <c>doctor</c> tells a leftover of a killed process (its maker is gone) from work in progress.
/// </summary>
public static class WorkFolderName
{
    /// <summary>A fresh name for <paramref name="purpose"/> ("import"), owned by this process.</summary>
    public static string New(string purpose) =>
        $".{purpose}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";

    /// <summary>Whether <paramref name="name"/> is a work folder of <paramref name="purpose"/>, whatever its state.</summary>
    public static bool IsOf(string name, string purpose) => name.StartsWith($".{purpose}-", StringComparison.Ordinal);

    /// <summary>
    /// Whether the work folder <paramref name="name"/> was left by a process that is gone. A name
    /// without a process id (written before ids were part of it) counts as left over.
    /// </summary>
    public static bool IsLeftover(string name, string purpose)
    {
        if (!IsOf(name, purpose)) return false;
        string rest = name[(purpose.Length + 2)..];
        int dash = rest.IndexOf('-');
        if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return true;
        return pid != Environment.ProcessId && !ProcessIds.IsRunning(pid);
    }
}
