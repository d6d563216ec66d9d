// A small agent that records its work with SessionRecorder, the way a real agent would:
//   dotnet SessionBrowser.RecorderExample.dll --store DIR [--steps N] [--delay-ms MS]
//       [--snapshot-every K] [--then complete|dispose]
// It prints "session <id>" once the session is recorded and locked, then "step <n>" after each
// step, so a test (or a person) can interrupt it at a known point.
using System.Globalization;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

var options = ParseArguments(args);
if (options is null)
{
    Console.Error.WriteLine("usage: RecorderExample --store DIR [--steps N] [--delay-ms MS] [--snapshot-every K] [--then complete|dispose]");
    return 2;
}

var store = new NativeStore(options.Store);
using (var recorder = SessionRecorder.Start(store, new RecorderOptions
{
    WorkDir = Environment.CurrentDirectory,
    Model = "example-model",
    Description = "Recorder example: process some files",
    Tags = ["example"],
    SnapshotEvery = options.SnapshotEvery,
}))
{
    Console.WriteLine($"session {recorder.Id}");
    for (int step = 1; step <= options.Steps; step++)
    {
        string file = $"src/file_{step}.cs";
        recorder.SetTask($"processing {file}", (step - 1) / (double)options.Steps);
        recorder.AppendMessage(Roles.User, $"Please process `{file}`.");
        recorder.RecordToolCall("read_file", $"// contents of {file}\nclass C{step} {{ }}", new JsonObject { ["path"] = file });
        recorder.AppendMessage(Roles.Assistant, $"Processed **{file}**: 1 class found.\n\n```csharp\nclass C{step} {{ }}\n```");
        recorder.AddUsage(tokens: 100 + step, cost: 0.001 * step);
        recorder.Step(new JsonObject { ["files_done"] = step, ["last_file"] = file });
        Console.WriteLine($"step {step}");
        if (options.DelayMs > 0) Thread.Sleep(options.DelayMs);
    }
    if (options.Then == "complete") recorder.Complete();
    // "dispose": leaving the using block pauses the session.
}
Console.WriteLine("done");
return 0;

static Options? ParseArguments(string[] args)
{
    var options = new Options();
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        string value = args[i + 1];
        switch (args[i])
        {
            case "--store": options = options with { Store = value }; break;
            case "--steps": options = options with { Steps = int.Parse(value, CultureInfo.InvariantCulture) }; break;
            case "--delay-ms": options = options with { DelayMs = int.Parse(value, CultureInfo.InvariantCulture) }; break;
            case "--snapshot-every": options = options with { SnapshotEvery = int.Parse(value, CultureInfo.InvariantCulture) }; break;
            case "--then" when value is "complete" or "dispose": options = options with { Then = value }; break;
            default: return null;
        }
    }
    return args.Length % 2 == 0 && options.Store.Length > 0 ? options : null;
}

internal sealed record Options
{
    public string Store { get; init; } = "";
    public int Steps { get; init; } = 5;
    public int DelayMs { get; init; }
    public int SnapshotEvery { get; init; } = 2;
    public string Then { get; init; } = "complete";
}
