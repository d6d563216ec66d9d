using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.TestSupport;
using SessionBrowser.Terminal.Testing;

namespace SessionBrowser.Tests.BrowserEndToEnd;

/// <summary>
/// A native store in a temp folder for one end-to-end test, and the real program started on it
/// in tmux with its own HOME and cache (so no real sessions or index are touched).
/// </summary>
public sealed class E2eStore : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "browser-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    public string Root => Path.Combine(Folder, "store");
    public NativeStore Store { get; }

    public string Interrupted { get; }
    public string Needle { get; }
    public string WithSnapshots { get; }
    public string DeleteOne { get; }
    public string DeleteTwo { get; }

    public E2eStore()
    {
        Directory.CreateDirectory(Folder);
        Store = new NativeStore(Root);
        // Created oldest first: the list shows the newest first, so DeleteTwo is on top.
        Interrupted = Add("Interrupted data pipeline", SessionStatus.Active, "Load the CSV files", "Loading…");
        Needle = Add("Notes about the island", SessionStatus.Paused, "Plan the trip", "We could fly to zanzibar in June.");
        WithSnapshots = Add("Restore target with snapshots", SessionStatus.Paused, "first question", "first answer");
        Store.CreateSnapshot(WithSnapshots, 1, new JsonObject { ["task"] = "first step", ["files"] = new JsonArray("a.py") });
        Thread.Sleep(20);
        Store.AppendMessage(WithSnapshots, Roles.User, "second question, after the snapshot");
        Store.AppendMessage(WithSnapshots, Roles.Assistant, "second answer, after the snapshot");
        Store.Update(WithSnapshots, m => m.Status = SessionStatus.Paused);
        DeleteOne = Add("Delete me one", SessionStatus.Completed, "a", "b");
        DeleteTwo = Add("Delete me two", SessionStatus.Completed, "c", "d");
    }

    public string Add(string title, string status, string question, string answer)
    {
        var meta = Store.Create(Folder, "kimi-k2", title, ["e2e"]);
        Store.AppendMessage(meta.Id, Roles.User, question);
        Store.AppendMessage(meta.Id, Roles.Assistant, answer);
        Store.Update(meta.Id, m => m.Status = status);
        Thread.Sleep(20);
        return meta.Id;
    }

    public string Status(string id) => Store.Find(id)!.Status;

    public int MessageCount(string id) => Store.ReadMessages(id).Count();

    public TmuxSession Start(params string[] extra) => StartCommand([.. Program(), "--store", Root, .. extra]);

    /// <summary>Starts a shell command line (for redirections); the program is $SB.</summary>
    public TmuxSession StartShell(string commandLine, int width = 120) =>
        StartCommand(["sh", "-c", $"SB='{string.Join(' ', Program())}'; {commandLine}"], width);

    private TmuxSession StartCommand(string[] command, int width = 120) =>
        TmuxSession.Start(command, width, 40, new Dictionary<string, string>
        {
            ["HOME"] = Folder,
            ["XDG_CACHE_HOME"] = Path.Combine(Folder, "cache"),
            ["XDG_CONFIG_HOME"] = Path.Combine(Folder, "config"),
            ["PAGER"] = "cat",
        }, Folder);

    public static string[] Program()
    {
        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "sessionbrowser");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(dir, "sessionbrowser.dll")];
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
