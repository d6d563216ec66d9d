using System.Text;
using SessionBrowser.Browser.Input;
using SessionBrowser.Terminal.Input;
using System.Text.Json.Nodes;
using SessionBrowser.Browser;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Tests.Browser;

/// <summary>In-memory sessions and messages for pure Update tests and screen tests.</summary>
public static class BrowserFixture
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SessionSummary Session(string id, string title, string status = SessionStatus.Paused,
        int messages = 10, double cost = 0.5, long tokens = 12_000, TimeSpan? age = null, TimeSpan? created = null,
        string[]? tags = null, string workDir = "/home/dev/project", Liveness liveness = Liveness.Idle, string? damaged = null) =>
        new()
        {
            Ref = new SessionRef("native", id),
            Title = title,
            Description = title,
            Status = status,
            Liveness = liveness,
            MessageCount = messages,
            TotalCost = cost,
            TotalTokens = tokens,
            LastActive = Now - (age ?? TimeSpan.FromHours(1)),
            CreatedAt = Now - (created ?? (age ?? TimeSpan.FromHours(1)) + TimeSpan.FromHours(2)),
            Tags = tags ?? [],
            WorkDir = workDir,
            Model = "kimi-k2",
            Path = "/store/" + id,
            Damaged = damaged,
            TotalSteps = 12,
            Progress = 0.5,
            CurrentTask = "write the tests",
        };

    /// <summary>The fixture list: CJK, emoji, a long title, damaged, live, interrupted, several statuses.</summary>
    public static IReadOnlyList<SessionSummary> Sessions() =>
    [
        Session("a1b2c3d4", "Refactor the auth module", SessionStatus.Completed, 42, 1.25, 81_000, TimeSpan.FromHours(3), tags: ["auth", "backend"]),
        Session("b2c3d4e5", "修复登录页面的布局问题", SessionStatus.Paused, 17, 0.40, 20_000, TimeSpan.FromMinutes(5), tags: ["frontend"]),
        Session("c3d4e5f6", "Ship it 🚀 and celebrate 🎉", SessionStatus.Active, 8, 0.10, 5_000, TimeSpan.FromSeconds(30), liveness: Liveness.Live, workDir: "/home/dev/other"),
        Session("d4e5f6a7", "A very long title that goes on and on describing every detail of a migration from one database to another one", SessionStatus.Crashed, 230, 9.99, 1_200_000, TimeSpan.FromDays(3)),
        Session("e5f6a7b8", "(damaged)", "unknown", 0, 0, 0, TimeSpan.FromDays(10), damaged: "metadata.json: unexpected end of JSON"),
        Session("f6a7b8c9", "Interrupted data pipeline", SessionStatus.Active, 55, 2.00, 300_000, TimeSpan.FromDays(1), liveness: Liveness.Interrupted, tags: ["backend"]),
    ];

    public static AppState Loaded(IReadOnlyList<SessionSummary>? sessions = null, int width = 120, int height = 40, bool pick = false)
    {
        var (s, _) = App.Init(new BrowserOptions { PickMode = pick, StoreLabel = "~/.kimi/sessions", CurrentDirectory = "/home/dev/project", ExportDirectory = "/home/dev/Downloads" }, width, height, Now);
        (s, _) = App.Update(s, new SessionsLoaded(sessions ?? Sessions()));
        return s;
    }

    /// <summary>The fixture list with the second row selected: an idle session (the first is live, and a live one cannot be edited).</summary>
    public static AppState Idle() => Press(Loaded(), "j").State;

    /// <summary>A state with the selected session's messages loaded.</summary>
    public static AppState Opened(AppState s, IReadOnlyList<Message>? messages = null, IReadOnlyList<SnapshotInfo>? snapshots = null)
    {
        var doc = new MessageDocument(s.Current!.Ref, new ListSource(messages ?? Messages(30)));
        (s, _) = Send(s, new PreviewLoaded(s.Current!.Ref, doc, snapshots ?? Snapshots(3)));
        return s;
    }

    public static IReadOnlyList<Message> Messages(int count)
    {
        var list = new List<Message>();
        for (int i = 0; i < count; i++)
        {
            var time = (Now - TimeSpan.FromMinutes(count - i)).ToString("yyyy-MM-ddTHH:mm:ss");
            list.Add((i % 3) switch
            {
                0 => new Message(Roles.User, $"Question {i}: how do I fix the **parser**?", time),
                1 => new Message(Roles.Assistant, $"Answer {i}. Use `Parse()`:\n\n```csharp\nvar x = Parse(input);\n```\n\n- first\n- second", time),
                _ => new Message(Roles.Tool, string.Join("\n", Enumerable.Range(0, 12).Select(n => $"output line {n}")), time, new JsonObject { ["tool"] = "bash" }),
            });
        }
        return list;
    }

    public static IReadOnlyList<SnapshotInfo> Snapshots(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new SnapshotInfo(i * 5, (Now - TimeSpan.FromMinutes(60 - i * 10)).ToString("yyyy-MM-ddTHH:mm:ss"), $"/store/x/snapshots/step_{i * 5}.json"))];

    /// <summary>A restore plan as Core would make it for the confirmation.</summary>
    public static RestorePlan Plan(string id, int step, int kept, int cut) => new()
    {
        SessionId = id,
        Step = step,
        SnapshotTimestamp = "2025-03-01T11:20:00",
        CutOffset = 4000,
        MessagesLength = 9000,
        KeptMessages = kept,
        CutMessages = cut,
        CutDamagedLines = 0,
        FirstCutMessage = new Message(Roles.Assistant, "Now the tests pass.", "2025-03-01T11:21:00"),
        RemovedSnapshotSteps = [15, 20],
        BackupFolder = $"/store/{id}/.restore-20250301T120000",
        MetadataBefore = new SessionMetadata { Id = id },
        MetadataAfter = new SessionMetadata { Id = id },
    };

    public static (AppState State, Effect[] Effects) Press(AppState s, params string[] keys)
    {
        Effect[] effects = [];
        foreach (var key in keys) (s, effects) = Send(s, new KeyPressed(Chord(key)));
        return (s, effects);
    }

    /// <summary>
    /// Update, then the message layout it asks for, done at once as the runtime does it off the UI
    /// thread (so a test sees the laid-out pane); the other effects are returned.
    /// </summary>
    public static (AppState State, Effect[] Effects) Send(AppState s, Msg msg)
    {
        var (next, effects) = App.Update(s, msg);
        var rest = new List<Effect>();
        while (true)
        {
            rest.AddRange(effects.Where(e => e is not LayOutMessages));
            if (effects.OfType<LayOutMessages>().FirstOrDefault() is not { } l) return (next, [.. rest]);
            (next, effects) = App.Update(next, new MessagesLaidOut(l.Ref, MessagePages.Of(l.Document, l.Width, l.Indexes)));
        }
    }

    /// <summary>A chord from the name the help shows ("j", "Ctrl+D", "Shift+Tab", "Space", "F1"): the inverse of Chord.ToString.</summary>
    public static Chord Chord(string name)
    {
        var mods = KeyModifiers.None;
        while (name.Length > 1 && name.IndexOf('+') is > 0 and var plus && plus < name.Length - 1)
        {
            mods |= name[..plus] switch { "Ctrl" => KeyModifiers.Ctrl, "Alt" => KeyModifiers.Alt, "Shift" => KeyModifiers.Shift, _ => throw new ArgumentException(name) };
            name = name[(plus + 1)..];
        }
        if (name == "Space") return new Chord(Key.Char, new Rune(' '), mods);
        if (name == "Esc") return SessionBrowser.Browser.Input.Chord.Named(Key.Escape, mods);
        if (Enum.TryParse<Key>(name, out var key) && name.Length > 1) return SessionBrowser.Browser.Input.Chord.Named(key, mods);
        var rune = Rune.GetRuneAt(name, 0);
        return new Chord(Key.Char, mods.HasFlag(KeyModifiers.Ctrl) ? Rune.ToLowerInvariant(rune) : rune, mods);
    }
}

/// <summary>Messages held in memory, as the reader would return them.</summary>
public sealed class ListSource(IReadOnlyList<Message> messages) : IMessageSource
{
    public int Count => messages.Count;
    public MessageRecord Read(int index) => new(index, index * 100L, messages[index]);
}
