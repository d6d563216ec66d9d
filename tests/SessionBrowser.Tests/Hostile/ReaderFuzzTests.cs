using System.Text;
using SessionBrowser.Commands;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.Core.Stores.Gemini;
using SessionBrowser.Core.Stores.Kimi;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Stores.Qwen;
using SessionBrowser.Tests.Commands;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 14: seeded random damage to one session's files (bytes flipped, cut short, lines
/// duplicated or dropped, values of the wrong type, huge numbers, invalid UTF-8), for every
/// source the command line reads. After each mutation a freshly opened store lists, finds and
/// reads every session without an exception escaping, and the other sessions are all still listed.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int MutationsPerSource = 300;
    private readonly CliHarness _cli = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose() => _cli.Dispose();

    private static readonly DateTimeOffset Now = CliHarness.Now;

    /// <summary>Writes the source's home (or store) with a few sessions; returns nothing (the source is found through the environment).</summary>
    private void Build(string source)
    {
        string home = Path.Combine(_cli.Folder, "homes", source);
        switch (source)
        {
            case NativeStore.SourceName:
                StoreGenerator.Generate(_cli.Store, new GeneratorOptions { Sessions = 4, Messages = 6, Seed = 3 });
                break;
            case GeminiStore.SourceName:
                var writer = new GeminiHomeWriter(home);
                string project = writer.AddProject(Path.Combine(_cli.Folder, "work", "alpha"));
                for (int i = 0; i < 4; i++)
                    writer.Session(project, $"aaaaaaaa-0000-4000-8000-00000000000{i}", Now.AddDays(-i)).User("u1", $"question {i}").Gemini("g1", $"answer {i}").Save();
                _environment[GeminiStore.HomeVariable] = home;
                break;
            case ClaudeStore.SourceName:
                _environment[ClaudeHome.ConfigVariable] = ClaudeHomeGenerator.Generate(home, new(4, TurnsPerSession: 3, Seed: 3, Now: Now));
                break;
            case CodexStore.SourceName:
                _environment[CodexStore.HomeVariable] = CodexHomeGenerator.Generate(home, new(4, TurnsPerSession: 3, Seed: 3, Now: Now));
                break;
            case KimiStore.SourceName:
                _environment[KimiLayout.ShareDirVariable] = KimiHomeGenerator.Generate(home, new(4, TurnsPerSession: 3, Seed: 3, Now: Now));
                break;
            case QwenStore.SourceName:
                _environment[QwenStore.HomeVariable] = QwenHomeGenerator.Generate(home, new(4, TurnsPerSession: 3, Seed: 3, Now: Now));
                break;
            case OpenCodeStore.SourceName:
                _environment[OpenCodeStore.DataHomeVariable] = OpenCodeHomeGenerator.Generate(home, new(4, TurnsPerSession: 3, Seed: 3, Now: Now));
                break;
            default:
                throw new InvalidOperationException($"the fuzz test does not know how to build a {source} home yet: add it here");
        }
    }

    private ISessionStore Open(string source)
    {
        var host = new CliHost
        {
            Clock = new ManualClock(Now),
            Environment = name => _environment.GetValueOrDefault(name),
            HomeDirectory = _cli.Home,
            CacheDirectory = _cli.Cache,
        };
        var settings = new SourceSettings(() => new NativeStore(_cli.Store, host.Clock), host);
        return SourceRegistry.Definitions.Single(d => d.Name == source).Open(settings)
            ?? throw new InvalidOperationException($"no {source} sessions were built");
    }

    /// <summary>
    /// Every source with files of its own; opencode keeps a session only as database rows (no
    /// file of its own to damage) and is left out.
    /// </summary>
    public static TheoryData<string> Sources() =>
        [NativeStore.SourceName, GeminiStore.SourceName, ClaudeStore.SourceName, CodexStore.SourceName, KimiStore.SourceName, QwenStore.SourceName];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Random_damage_to_one_session_never_escapes_a_reader_nor_hides_the_others(string source)
    {
        Build(source);
        var store = Open(source);
        var ids = store.List().Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.True(ids.Count >= 3, $"{source}: only {ids.Count} sessions built");
        string victim = ids[0];
        var targets = FilesOf(store, victim);
        if (targets.Count == 0) return; // a session that is only database rows (opencode): no file of its own to damage
        // A seed fixed per source (string.GetHashCode differs from run to run), so a failure replays;
        // FUZZ_SEED=n explores other mutations.
        int seed = (int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out int given) ? given : 1234) ^ source.Sum(c => c);
        var random = new Random(seed);
        for (int round = 0; round < MutationsPerSource; round++)
        {
            string file = targets[random.Next(targets.Count)];
            byte[] original = File.ReadAllBytes(file);
            var (kind, mutated) = Mutate(original, random);
            File.WriteAllBytes(file, mutated);
            try
            {
                var fresh = Open(source);
                var listed = fresh.List().Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
                foreach (string other in ids.Skip(1)) Assert.True(listed.Contains(other), $"{source}, seed {seed}, round {round} ({kind} in {file}): {other} is no longer listed");
                foreach (string id in listed)
                {
                    fresh.Find(id);
                    _ = fresh.ReadMessages(id).Count();
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"{source}, seed {seed}, round {round}: {kind} in {file} let {e.GetType().Name} escape: {e.Message}\n{e.StackTrace}");
            }
            finally
            {
                File.WriteAllBytes(file, original);
            }
        }
    }

    /// <summary>
    /// Issue 14 item 6, for every source: one invalid byte in a message's text is read with a
    /// replacement character, that message is marked damaged, and no other session is touched.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public void Invalid_text_in_a_message_is_read_with_a_replacement_character_and_marked_damaged(string source)
    {
        Build(source);
        var store = Open(source);
        var ids = store.List().Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        string victim = ids[0];
        // A word of the victim's first user message, spliced with 0xFF wherever its files hold it.
        string text = store.ReadMessages(victim).First(r => r.Message?.Role == "user").Message!.Content;
        string word = text.Split([' ', '\n', '.', ',', '?', '"', '`'], StringSplitOptions.RemoveEmptyEntries)
            .First(w => w.Length >= 5 && w.All(char.IsAsciiLetter));
        byte[] needle = Encoding.UTF8.GetBytes(word);
        int spliced = 0;
        foreach (string file in FilesOf(store, victim))
        {
            byte[] bytes = File.ReadAllBytes(file);
            var output = new List<byte>(bytes.Length + 8);
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes.AsSpan(i).StartsWith(needle)) { output.AddRange(needle[..2]); output.Add(0xFF); output.AddRange(needle[2..]); i += needle.Length - 1; spliced++; }
                else output.Add(bytes[i]);
            }
            File.WriteAllBytes(file, [.. output]);
        }
        Assert.True(spliced > 0, $"{source}: '{word}' is in none of {victim}'s files");

        var fresh = Open(source);
        var listed = fresh.List();
        Assert.Equal(ids, listed.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(listed.Where(s => s.Id != victim), s => Assert.Null(s.Damaged));
        var records = fresh.ReadMessages(victim).ToList();
        var repaired = records.Where(r => r.Message?.Content.Contains(word[..2] + "\uFFFD" + word[2..], StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(repaired);
        // The damage is told on the message itself, or (Gemini) as a damaged record of its own.
        Assert.Contains(records, r => r.Damage?.Contains("invalid text", StringComparison.Ordinal) == true);
        foreach (string other in ids.Skip(1))
            Assert.All(fresh.ReadMessages(other), r => Assert.Null(r.Damage));
    }

    /// <summary>
    /// Issue 14 item 10 for the search cache: a FIFO in place of one session's transcript is never
    /// opened, and `search` still answers with the other sessions' hits (it failed store-wide).
    /// </summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_fifo_in_place_of_a_transcript_never_stops_the_search_of_the_others(string source)
    {
        Build(source);
        var store = Open(source);
        var ids = store.List().Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        string text = store.ReadMessages(ids[1]).First(r => r.Message?.Role == "user").Message!.Content;
        string word = text.Split([' ', '\n', '.', ',', '?', '"', '`'], StringSplitOptions.RemoveEmptyEntries)
            .First(w => w.Length >= 5 && w.All(char.IsAsciiLetter));
        string transcript = FilesOf(store, ids[0]).OrderByDescending(f => new FileInfo(f).Length).First();
        File.Delete(transcript);
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [transcript]) { UseShellExecute = false })!)
            mkfifo.WaitForExit();
        foreach (var (name, value) in _environment) _cli.Environment[name] = value;

        // On a thread of its own: a FIFO opened for reading would block it forever (WaitAsync then times out).
        var result = await Task.Factory.StartNew(() => _cli.Run("search", word, "--source", source, "--json"), TaskCreationOptions.LongRunning)
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, $"{source}: {result}");
        Assert.Contains(ids[1], result.Out);
    }

    /// <summary>Issue 14 (links lead out): a transcript that is a link to a file outside the home is never read through.</summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public void A_transcript_that_is_a_link_out_of_the_home_is_never_read_through(string source)
    {
        Build(source);
        var store = Open(source);
        var ids = store.List().Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        string transcript = FilesOf(store, ids[0]).OrderByDescending(f => new FileInfo(f).Length).First();
        string outside = Path.Combine(_cli.Folder, "secret.jsonl");
        File.Copy(transcript, outside);
        File.AppendAllText(outside, "{\"role\": \"user\", \"content\": \"zzsecretzz\"}\n");
        File.Delete(transcript);
        File.CreateSymbolicLink(transcript, outside);

        var fresh = Open(source);
        var listed = fresh.List().Select(s => s.Id).ToList();
        Assert.All(ids.Skip(1), id => Assert.Contains(id, listed));
        foreach (string id in listed)
        {
            // The linked session's reader may refuse with a clear error; it never reads through.
            try { Assert.DoesNotContain(fresh.ReadMessages(id), r => r.Message?.Content.Contains("zzsecretzz", StringComparison.Ordinal) == true); }
            catch (IOException e) { Assert.Contains("symbolic link", e.Message); }
        }
        foreach (var (name, value) in _environment) _cli.Environment[name] = value;
        Assert.Equal("No matches for zzsecretzz.", _cli.Run("search", "zzsecretzz", "--source", source).Out.Trim());
    }

    /// <summary>The regular files that belong to the session alone (what a delete would move).</summary>
    private static List<string> FilesOf(ISessionStore store, string id)
    {
        if (store is not IDeletableStore deletable) return [];
        return deletable.PlanDelete(id).Files
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path])
            .Where(path => File.Exists(path) && new FileInfo(path).Length > 0 && !Path.GetFileName(path).StartsWith(".lock", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static readonly string[] WrongValues =
        ["1e309", "-1e309", "99999999999999999999999999", "-0", "null", "true", "[]", "{}", "\"\"", "\"\\udcff\"", "[[[[[[[[]]]]]]]]", "\"x\"", "0.5", "-7"];

    /// <summary>One random mutation, and what it was.</summary>
    private static (string Kind, byte[] Bytes) Mutate(byte[] bytes, Random random)
    {
        switch (random.Next(8))
        {
            case 0:
            {
                var copy = (byte[])bytes.Clone();
                for (int i = random.Next(1, 9); i > 0; i--) copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
                return ("bytes flipped", copy);
            }
            case 1:
                return ("cut short", bytes[..random.Next(bytes.Length)]);
            case 2:
            {
                var lines = Lines(bytes);
                int at = random.Next(lines.Count);
                lines.Insert(at, lines[at]);
                return ("a line duplicated", Join(lines));
            }
            case 3:
            {
                var lines = Lines(bytes);
                lines.RemoveAt(random.Next(lines.Count));
                return ("a line dropped", Join(lines));
            }
            case 4:
            {
                // A value after some "key": replaced by one of another type or out of range.
                string text = Encoding.UTF8.GetString(bytes);
                var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
                if (colons.Count == 0) return ("cut short", bytes[..(bytes.Length / 2)]);
                int colon = colons[random.Next(colons.Count)];
                int end = ValueEnd(text, colon + 1);
                string value = WrongValues[random.Next(WrongValues.Length)];
                return ($"a value replaced by {value}", Encoding.UTF8.GetBytes(text[..(colon + 1)] + " " + value + text[end..]));
            }
            case 5:
            {
                var copy = bytes.ToList();
                byte[] bad = random.Next(3) switch { 0 => [0xFF], 1 => [0xC0, 0xAF], _ => [0xE2, 0x82] };
                copy.InsertRange(random.Next(copy.Count), bad);
                return ("invalid UTF-8", [.. copy]);
            }
            case 6:
                return ("emptied", []);
            default:
            {
                var lines = Lines(bytes);
                lines.Insert(random.Next(lines.Count + 1), Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "{\"type\": 12, \"message\": []}" : "[1, 2, \"three\"]"));
                return ("a line of the wrong shape", Join(lines));
            }
        }
    }

    /// <summary>Where the JSON value starting at <paramref name="start"/> ends (roughly: a string, or up to the next , } ] or line end).</summary>
    private static int ValueEnd(string text, int start)
    {
        int i = start;
        while (i < text.Length && text[i] == ' ') i++;
        if (i < text.Length && text[i] == '"')
        {
            for (i++; i < text.Length && text[i] != '"'; i++)
                if (text[i] == '\\') i++;
            return Math.Min(i + 1, text.Length);
        }
        while (i < text.Length && text[i] is not (',' or '}' or ']' or '\n')) i++;
        return i;
    }

    private static List<byte[]> Lines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i < bytes.Length && bytes[i] != '\n') continue;
            lines.Add(bytes[start..i]);
            start = i + 1;
        }
        return lines;
    }

    private static byte[] Join(List<byte[]> lines) =>
        lines.SelectMany((line, i) => i == 0 ? line : [(byte)'\n', .. line]).ToArray();
}
