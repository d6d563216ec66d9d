using System.Text;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.Gemini;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 14, items 13 and 14: the real program killed with SIGKILL at several points of a large
/// restore, undo, trash empty, import and cleanup. Afterwards every session is intact in its
/// place (or complete in the trash), the command can be finished, and <c>doctor</c> names every
/// leftover and its repair leaves a healthy store.
/// </summary>
public sealed class KilledMidOperationTests
{
    private const int TailLines = 24_000; // ~24 MB cut by the restore: long enough to be killed inside

    /// <summary>A session with a large messages.jsonl and four snapshots; restoring to step 1 cuts almost all of it.</summary>
    private static string BigSession(CliHarness cli)
    {
        string id = new StoreBuilder(cli.Store).Add(TimeSpan.FromDays(1), "big session");
        string folder = Path.Combine(cli.Store, id);
        var start = new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var text = new StringBuilder();
        string filler = new('x', 900);
        for (int i = 0; i < TailLines + 100; i++)
            text.Append($"{{\"role\": \"{(i % 2 == 0 ? "user" : "assistant")}\", \"content\": \"message {i} {filler}\", \"timestamp\": \"{start.AddSeconds(i):yyyy-MM-ddTHH:mm:ss}\", \"metadata\": {{}}}}\n");
        File.WriteAllText(Path.Combine(folder, NativeLayout.MessagesFile), text.ToString());
        Directory.CreateDirectory(Path.Combine(folder, NativeLayout.SnapshotsFolder));
        for (int step = 1; step <= 4; step++)
        {
            File.WriteAllText(Path.Combine(folder, NativeLayout.SnapshotsFolder, NativeLayout.SnapshotFile(step)),
                $"{{\"step\": {step}, \"timestamp\": \"{start.AddSeconds(50 + (step - 1) * 5000):yyyy-MM-ddTHH:mm:ss}\", \"state\": {{\"step\": {step}}}}}");
        }
        return id;
    }

    /// <summary>Every file of the session folder (hidden backups aside) with its bytes.</summary>
    private static Dictionary<string, byte[]> Contents(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f))
            .Where(r => !r.StartsWith('.'))
            .ToDictionary(r => r, r => File.ReadAllBytes(Path.Combine(folder, r)));

    private static void AssertSame(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected) Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }

    /// <summary>doctor --dry-run names each leftover; doctor repairs; a second doctor finds the store healthy.</summary>
    private static void AssertDoctorNamesAndCleans(CliHarness cli, IEnumerable<string> leftovers)
    {
        AssertDoctorNames(cli, leftovers);
        AssertDoctorCleans(cli);
    }

    private static void AssertDoctorNames(CliHarness cli, IEnumerable<string> leftovers)
    {
        var report = cli.Run("doctor", "--dry-run");
        foreach (string name in leftovers) Assert.Contains(name, report.Out);
    }

    private static void AssertDoctorCleans(CliHarness cli)
    {
        cli.Run("doctor");
        var after = cli.Run("doctor");
        Assert.True(after.ExitCode == ExitCodes.Ok, after.ToString());
    }

    [Fact]
    public void A_restore_killed_anywhere_is_named_by_doctor_and_undone_to_the_exact_bytes()
    {
        int landed = 0;
        // The backup folder made; half the tail kept; the snapshots moved; messages.jsonl cut.
        foreach (var point in new Func<string, bool>[]
                 {
                     session => ChildProgram.Folders(session, ".restore-").Count > 0,
                     session => ChildProgram.Folders(session, ".restore-").Any(b => ChildProgram.Length(Path.Combine(b, "messages.tail.jsonl")) > TailLines * 450L),
                     session => !File.Exists(Path.Combine(session, "snapshots", "step_3.json")),
                     session => ChildProgram.Length(Path.Combine(session, "messages.jsonl")) < TailLines * 900L,
                 })
        {
            using var cli = new CliHarness();
            string id = BigSession(cli);
            string session = Path.Combine(cli.Store, id);
            var before = Contents(session);

            if (ChildProgram.KillWhen(cli, () => point(session), "restore", id, "--step", "1", "--yes")) landed++;

            // A backup is a leftover unless the restore got to its last step (the metadata saved):
            // then it is the normal backup 'restore --undo' uses, not something doctor reports.
            var interrupted = ChildProgram.Folders(session, ".restore-").Where(b => !File.Exists(Path.Combine(b, "restore.json"))
                || !File.Exists(Path.Combine(b, "metadata.json"))
                || File.ReadAllBytes(Path.Combine(b, "metadata.json")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(session, "metadata.json"))));
            AssertDoctorNames(cli, interrupted.Select(Path.GetFileName)!);
            if (Directory.GetDirectories(session, ".restore-*").Any(b => File.Exists(Path.Combine(b, "restore.json"))))
            {
                var undo = cli.Run("restore", id, "--undo", "--yes");
                Assert.True(undo.ExitCode == ExitCodes.Ok, undo.ToString());
            }
            AssertDoctorCleans(cli);
            AssertSame(before, Contents(session));
            Assert.Empty(Directory.GetDirectories(session, ".restore-*"));
        }
        Assert.True(landed > 0, "no kill landed inside the restore");
    }

    [Fact]
    public void An_undo_killed_anywhere_is_finished_by_a_second_undo()
    {
        int landed = 0;
        foreach (var fraction in new[] { 0.05, 0.4, 0.9 })
        {
            using var cli = new CliHarness();
            string id = BigSession(cli);
            string session = Path.Combine(cli.Store, id);
            string messages = Path.Combine(session, "messages.jsonl");
            var before = Contents(session);
            long full = before["messages.jsonl"].Length;
            var restored = cli.Run("restore", id, "--step", "1", "--yes");
            Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
            long cut = ChildProgram.Length(messages);

            if (ChildProgram.KillWhen(cli, () => ChildProgram.Length(messages) > cut + (long)((full - cut) * fraction), "restore", id, "--undo", "--yes")) landed++;

            if (Directory.GetDirectories(session, ".restore-*").Any(b => File.Exists(Path.Combine(b, "restore.json"))))
            {
                var again = cli.Run("restore", id, "--undo", "--yes");
                Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
            }
            AssertDoctorNamesAndCleans(cli, ChildProgram.Folders(session, ".restore-").Select(Path.GetFileName)!);
            AssertSame(before, Contents(session));
        }
        Assert.True(landed > 0, "no kill landed inside the undo");
    }

    [Fact]
    public void A_trash_empty_killed_midway_leaves_no_entry_that_restores_part_of_a_session()
    {
        using var cli = new CliHarness();
        string id = new StoreBuilder(cli.Store).Add(TimeSpan.FromDays(1), "many files", messages: ["user: hi"]);
        string artifacts = Path.Combine(cli.Store, id, "artifacts");
        Directory.CreateDirectory(artifacts);
        for (int i = 0; i < 3000; i++) File.WriteAllText(Path.Combine(artifacts, $"out-{i}.txt"), $"tool output {i}");
        var before = Contents(Path.Combine(cli.Store, id));
        Assert.Equal(ExitCodes.Ok, cli.Run("delete", id, "--yes").ExitCode);
        string trash = Path.Combine(cli.Store, ".trash");
        string entry = Directory.GetDirectories(trash).Single();
        string stored = Directory.GetDirectories(Path.Combine(entry, "items")).Single();

        bool landed = ChildProgram.KillWhen(cli, () => !Directory.Exists(entry)
            || Directory.GetFiles(Path.Combine(stored, "artifacts")).Length < 2500, "trash", "empty", "--yes");

        var restore = cli.Run("trash", "restore", id);
        if (restore.ExitCode == ExitCodes.Ok) AssertSame(before, Contents(Path.Combine(cli.Store, id)));
        else Assert.False(Directory.Exists(Path.Combine(cli.Store, id)), "a refused restore put something back");
        AssertDoctorNamesAndCleans(cli, Directory.GetDirectories(trash, ".*").Select(Path.GetFileName)!);
        Assert.Empty(Directory.GetDirectories(trash));
        Assert.True(landed, "the kill did not land inside 'trash empty'");
    }

    [Fact]
    public void An_import_killed_midway_leaves_nothing_but_a_folder_doctor_removes()
    {
        using var source = new CliHarness();
        string id = BigSession(source);
        string zip = Path.Combine(source.Folder, "big.zip");
        Assert.Equal(ExitCodes.Ok, source.Run("export", id, "--out", zip).ExitCode);
        var before = Contents(Path.Combine(source.Store, id));

        // The import can outrun the poll on a loaded machine: tries again (each try checked) until one kill lands.
        bool landed = false;
        for (int attempt = 0; attempt < 5 && !landed; attempt++)
        {
            using var cli = new CliHarness();
            landed = ChildProgram.KillWhen(cli, () => ChildProgram.Folders(cli.Store, ".import-")
                .Any(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories).Sum(ChildProgram.Length) > 1_000_000), "import", zip);

            var leftovers = ChildProgram.Folders(cli.Store, ".import-").Select(Path.GetFileName).ToList();
            AssertDoctorNamesAndCleans(cli, leftovers!);
            Assert.Empty(ChildProgram.Folders(cli.Store, ".import-"));
            // Either the whole session arrived (the kill came after the publishing rename) or none of it.
            var sessions = Directory.GetDirectories(cli.Store).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList();
            if (sessions.Count == 1) AssertSame(before.Where(p => p.Key != "metadata.json" && !p.Key.StartsWith(".lock")).ToDictionary(),
                Contents(sessions[0]).Where(p => p.Key != "metadata.json" && !p.Key.StartsWith(".lock")).ToDictionary());
            else Assert.Empty(sessions);
        }
        Assert.True(landed, "the kill did not land inside the import");
    }

    [Fact]
    public void A_cleanup_killed_midway_leaves_every_session_whole_in_place_or_in_the_trash()
    {
        using var cli = new CliHarness();
        var builder = new StoreBuilder(cli.Store);
        var ids = Enumerable.Range(0, 200)
            .Select(i => builder.Add(TimeSpan.FromDays(60 + i), $"old {i}", status: "completed", messages: ["user: hello", $"assistant: reply {i}"]))
            .ToList();
        var before = ids.ToDictionary(id => id, id => Contents(Path.Combine(cli.Store, id)));
        string trash = Path.Combine(cli.Store, ".trash");

        bool landed = ChildProgram.KillWhen(cli, () => Directory.Exists(trash) && Directory.GetDirectories(trash).Length >= 60, "cleanup", "--yes");

        var leftovers = Directory.Exists(trash) ? Directory.GetDirectories(trash, ".*").Select(Path.GetFileName).ToList() : [];
        leftovers.AddRange(Directory.GetFiles(cli.Store, ".index.json.*.tmp").Select(Path.GetFileName));
        AssertDoctorNamesAndCleans(cli, leftovers!);
        // Everything in the trash comes back; then every session is exactly as it was.
        var entries = Directory.Exists(trash) ? Directory.GetDirectories(trash).Select(Path.GetFileName).ToList() : [];
        if (entries.Count > 0)
        {
            var restored = cli.Run(["trash", "restore", .. entries!]);
            Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
        }
        foreach (string id in ids) AssertSame(before[id], Contents(Path.Combine(cli.Store, id)));
        Assert.Equal(ids.Order(StringComparer.Ordinal), new NativeStore(cli.Store).Index.Ids().Order(StringComparer.Ordinal));
        Assert.True(landed, "the kill did not land inside the cleanup");
    }

    /// <summary>
    /// Issue 14 item 12. The trash (in the native store) is put on /dev/shm, a tmpfs, while the
    /// Gemini home stays in the temp folder: a real cross-device move (copy + remove), no simulation.
    /// Skipped where /dev/shm is missing or on the temp folder's file system.
    /// </summary>
    [Fact]
    public void A_gemini_delete_across_file_systems_killed_anywhere_loses_nothing_and_restores_whole()
    {
        if (!Directory.Exists("/dev/shm")) return;
        int landed = 0;
        const string id = "aaaaaaaa-0000-4000-8000-000000000001";
        // Checked cheaply (one path each) so the polling does not slow the child: the tool
        // outputs copied a third, copied whole, and the originals' removal begun (the transcript goes first).
        static bool Copied(string trash, int file) => Directory.Exists(trash) && Directory.GetDirectories(trash).Any(entry =>
            File.Exists(Path.Combine(entry, "items", $"1-session-{id}", $"call-{file}.txt")));
        foreach (var point in new Func<string, string, bool>[]
                 {
                     (trash, _) => Copied(trash, 500),
                     (trash, _) => Copied(trash, 1499),
                     (_, transcript) => !File.Exists(transcript),
                 })
        {
            using var cli = new CliHarness();
            string store = Path.Combine("/dev/shm", "sb-trash-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                string home = Path.Combine(cli.Folder, "gemini-home");
                cli.Environment[GeminiStore.HomeVariable] = home;
                var writer = new GeminiHomeWriter(home);
                string project = writer.AddProject(Path.Combine(cli.Folder, "work", "alpha"));
                writer.Session(project, id, CliHarness.Now.AddDays(-1)).User("u1", "a session with many tool outputs").Gemini("g1", "ok").Save();
                string outputs = Path.Combine(project, "tool-outputs", $"session-{id}");
                Directory.CreateDirectory(outputs);
                for (int i = 0; i < 1500; i++) File.WriteAllText(Path.Combine(outputs, $"call-{i}.txt"), $"output of call {i}");
                var before = Contents(project);
                string trash = Path.Combine(store, ".trash");
                new StoreBuilder(store).Add(TimeSpan.FromDays(1), "native session beside it");

                string transcript = Directory.GetFiles(Path.Combine(project, "chats")).Single();
                if (ChildProgram.KillWhen(cli, store, () => point(trash, transcript), "delete", id, "--yes")) landed++;

                // The session is whole in its place, or whole in the trash; either way trash restore gives it back exactly.
                var listed = cli.RunRaw(["--store", store, "list", "--source", "gemini"]);
                bool inPlace = listed.Out.Contains(id[..8], StringComparison.Ordinal);
                if (inPlace) AssertSame(before, Contents(project));
                var entries = Directory.Exists(trash) ? Directory.GetDirectories(trash).Where(d => !Path.GetFileName(d).StartsWith('.')).ToList() : [];
                foreach (string entry in entries)
                {
                    var restored = cli.RunRaw(["--store", store, "trash", "restore", Path.GetFileName(entry)]);
                    Assert.True(restored.ExitCode == ExitCodes.Ok, restored.ToString());
                }
                AssertSame(before, Contents(project));
                var doctor = cli.RunRaw(["--store", store, "doctor"]);
                Assert.True(cli.RunRaw(["--store", store, "doctor"]).ExitCode == ExitCodes.Ok, doctor.ToString());
            }
            finally
            {
                if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
            }
        }
        Assert.True(landed > 0, "no kill landed inside the delete");
    }
}
