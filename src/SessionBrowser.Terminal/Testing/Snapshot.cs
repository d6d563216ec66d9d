using System.Runtime.CompilerServices;
using System.Text;

namespace SessionBrowser.Terminal.Testing;

/// <summary>
/// Golden files for screen tests (what Verify would give): the expected text lives in
/// <c>__snapshots__/&lt;name&gt;.txt</c> beside the calling test file. A missing file is recorded
/// and the test fails so it is looked at; UPDATE_SNAPSHOTS=1 re-records all; on a mismatch the
/// actual text is written to <c>&lt;name&gt;.actual</c> and the failure shows a line diff.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile) ?? ".", "__snapshots__");
        var expectedPath = Path.Combine(folder, name + ".txt");
        var actualPath = Path.Combine(folder, name + ".actual");
        actual = actual.Replace("\r\n", "\n");
        Directory.CreateDirectory(folder);

        bool update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") is "1" or "true";
        if (update || !File.Exists(expectedPath))
        {
            File.WriteAllText(expectedPath, actual);
            if (File.Exists(actualPath)) File.Delete(actualPath);
            if (!update) throw new SnapshotMismatchException($"snapshot {name} was missing and has been recorded at {expectedPath}; check it and run again");
            return;
        }

        var expected = File.ReadAllText(expectedPath).Replace("\r\n", "\n");
        if (expected == actual)
        {
            if (File.Exists(actualPath)) File.Delete(actualPath);
            return;
        }
        File.WriteAllText(actualPath, actual);
        throw new SnapshotMismatchException(
            $"snapshot {name} differs (actual written to {actualPath}; UPDATE_SNAPSHOTS=1 accepts it):\n{Diff(expected, actual)}");
    }

    /// <summary>A readable line diff: changed lines marked "-" (expected) and "+" (actual), with line numbers.</summary>
    public static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(e.Length, a.Length) && shown < 40; i++)
        {
            var left = i < e.Length ? e[i] : null;
            var right = i < a.Length ? a[i] : null;
            if (left == right) continue;
            if (left is not null) sb.Append($"{i + 1,4} - |{left}|\n");
            if (right is not null) sb.Append($"{i + 1,4} + |{right}|\n");
            shown++;
        }
        return sb.ToString();
    }
}

public sealed class SnapshotMismatchException(string message) : Exception(message);
