using System.Text;

namespace SessionBrowser.Core.Generation;

/// <summary>
/// Writes plausible agent-conversation Markdown from fixed word pools and a seeded random source:
/// prose, headings, code in several languages, tables, lists, task lists, quotes, links, CJK
/// and emoji. Enough variety that search and rendering meet what real sessions hold.
/// </summary>
internal sealed class MarkdownWriter(Random random)
{
    private static readonly string[] Subjects =
    [
        "the parser", "the session store", "this function", "the retry loop", "the cache", "the build script",
        "the migration", "the HTTP client", "the test suite", "the lock file", "the index", "the renderer",
        "the config loader", "the scheduler", "the tokenizer", "the auth middleware", "the CLI", "the worker pool",
    ];
    private static readonly string[] Verbs =
    [
        "fails on", "allocates too much for", "ignores", "mishandles", "silently drops", "re-reads", "blocks on",
        "times out on", "double-counts", "serializes", "validates", "caches", "retries", "logs",
    ];
    private static readonly string[] Objects =
    [
        "empty input", "unicode file names", "a torn last line", "large payloads", "concurrent writers",
        "expired tokens", "negative offsets", "symlinked folders", "Windows line endings", "nested arrays",
        "missing fields", "the first request", "timezone offsets", "duplicate ids", "slow disks",
    ];
    private static readonly string[] Fixes =
    [
        "add a guard clause", "stream the file instead of loading it", "take the lock before writing",
        "write to a temp file and rename it", "validate the id before joining paths", "sort by the number, not the text",
        "memoize the result per key", "use a bounded channel", "parse lazily", "fall back to the previous snapshot",
        "retry with exponential backoff", "normalize the path first",
    ];
    private static readonly string[] Identifiers =
    [
        "load_session", "append_message", "SessionManager", "parseTimestamp", "flush_buffer", "IndexWriter",
        "resolve_path", "retryPolicy", "TokenBucket", "render_frame", "SnapshotStore", "handle_request",
        "read_config", "WorkerPool", "compute_digest", "LineReader",
    ];
    private static readonly string[] Files =
    [
        "src/session/manager.py", "src/cache.rs", "cmd/server/main.go", "lib/parser.ts", "Core/Store.cs",
        "scripts/build.sh", "db/migrations/0042_add_index.sql", "config/settings.yaml", "tests/test_lock.py",
        "web/src/components/List.tsx", "pkg/retry/retry.go", "README.md",
    ];
    private static readonly string[] Cjk =
    [
        "这个函数在处理空输入时会崩溃，需要先检查参数。", "会话恢复功能已经完成，下一步是写测试。",
        "请把日志级别调成 DEBUG 再运行一次。", "索引文件和目录不一致时，以目录为准。",
        "このテストは時々失敗します。ロックの取得順序を確認してください。", "設定ファイルの読み込みを遅延させました。",
        "이 함수는 큰 파일을 한 번에 읽습니다. 스트리밍으로 바꾸겠습니다.", "快照按数字排序，而不是按文件名排序。",
        "中文标题和表情符号都要正确显示 🎉", "性能测试：一万个会话，列表在 150 毫秒内返回。",
    ];
    private static readonly string[] Emoji = ["✅", "🚀", "🐛", "🔥", "⚠️", "📦", "🎉", "👍", "🧪", "💡", "👨‍💻", "🤔"];
    private static readonly string[] Links =
    [
        "[the docs](https://docs.python.org/3/library/json.html)", "[RFC 8259](https://www.rfc-editor.org/rfc/rfc8259)",
        "[issue #27368](https://github.com/google-gemini/gemini-cli/issues/27368)", "<https://learn.microsoft.com/dotnet/>",
        "[flock(2)](https://man7.org/linux/man-pages/man2/flock.2.html)",
    ];

    private static readonly (string Language, string Code)[] CodeBlocks =
    [
        ("python", "def append_message(self, role: str, content: str) -> None:\n    line = json.dumps({\"role\": role, \"content\": content})\n    with open(self.path, \"a\") as f:\n        f.write(line + \"\\n\")"),
        ("python", "for step in range(max_steps):\n    result = agent.run(step)\n    if step % 10 == 0:\n        snapshots.create(step, {\"progress\": step / max_steps})"),
        ("csharp", "public static string? FirstLine(string text)\n{\n    int end = text.IndexOf('\\n');\n    return end < 0 ? text : text[..end];\n}"),
        ("csharp", "await foreach (var line in reader.ReadLinesAsync(ct))\n{\n    if (line.Length == 0) continue;\n    yield return Parse(line);\n}"),
        ("rust", "fn load(path: &Path) -> Result<Session, Error> {\n    let text = fs::read_to_string(path)?;\n    let session: Session = serde_json::from_str(&text)?;\n    Ok(session)\n}"),
        ("go", "func Retry(ctx context.Context, n int, f func() error) error {\n\tvar err error\n\tfor i := 0; i < n; i++ {\n\t\tif err = f(); err == nil {\n\t\t\treturn nil\n\t\t}\n\t\ttime.Sleep(time.Duration(1<<i) * 100 * time.Millisecond)\n\t}\n\treturn err\n}"),
        ("typescript", "export function byLastActive(a: Session, b: Session): number {\n  return Date.parse(b.lastActive) - Date.parse(a.lastActive);\n}"),
        ("bash", "set -euo pipefail\ndotnet build -c Release\ndotnet test --filter Category=Store\n./run.sh list --limit 5"),
        ("sql", "SELECT id, description, last_active\nFROM sessions\nWHERE status = 'active'\nORDER BY last_active DESC\nLIMIT 20;"),
        ("json", "{\n  \"id\": \"a3b4c5d6\",\n  \"status\": \"paused\",\n  \"progress\": 0.45,\n  \"tags\": [\"refactor\", \"auth\"]\n}"),
        ("yaml", "retention:\n  enabled: true\n  max_age: 30d\n  statuses: [completed]"),
        ("diff", "-    snapshots = sorted(self.dir.glob(\"step_*.json\"))\n+    snapshots = sorted(self.dir.glob(\"step_*.json\"), key=step_number)"),
    ];

    private readonly Random _random = random;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    public string Identifier() => Pick(Identifiers);
    public string File() => Pick(Files);
    public string EmojiChar() => Pick(Emoji);

    public void Sentence(StringBuilder text)
    {
        string subject = Pick(Subjects);
        text.Append(char.ToUpperInvariant(subject[0])).Append(subject, 1, subject.Length - 1)
            .Append(' ').Append(Pick(Verbs)).Append(' ').Append(Pick(Objects));
        switch (_random.Next(6))
        {
            case 0: text.Append(" in `").Append(Identifier()).Append("()`"); break;
            case 1: text.Append(" (see `").Append(File()).Append("`)"); break;
            case 2: text.Append(", so we should ").Append(Pick(Fixes)); break;
        }
        text.Append(_random.Next(8) == 0 ? "? " : ". ");
    }

    public void Paragraph(StringBuilder text, int sentences)
    {
        for (int i = 0; i < sentences; i++) Sentence(text);
        if (_random.Next(6) == 0) text.Append(Pick(Cjk)).Append(' ');
        if (_random.Next(5) == 0) text.Append(EmojiChar());
        if (text.Length > 0 && text[^1] == ' ') text.Length--;
    }

    public void UserRequest(StringBuilder text)
    {
        switch (_random.Next(6))
        {
            case 0: text.Append(Pick(Cjk)); break;
            case 1: text.Append("Can you look at `").Append(File()).Append("`? ").Append(Pick(Subjects)).Append(' ').Append(Pick(Verbs)).Append(' ').Append(Pick(Objects)).Append('.'); break;
            case 2: text.Append("Please ").Append(Pick(Fixes)).Append(" in `").Append(Identifier()).Append("` ").Append(EmojiChar()); break;
            case 3: text.Append("The build fails:\n\n```\nerror CS8618: Non-nullable property '").Append(Identifier()).Append("' must contain a non-null value\n```\n\nWhat happened?"); break;
            case 4: Paragraph(text, 1); text.Append(" Fix it and add a test."); break;
            default: text.Append("Next: ").Append(Pick(Fixes)).Append(", then run the tests."); break;
        }
    }

    /// <summary>A reply of a few Markdown blocks.</summary>
    public void AssistantReply(StringBuilder text)
    {
        int blocks = 1 + _random.Next(4);
        for (int b = 0; b < blocks; b++)
        {
            if (b > 0) text.Append("\n\n");
            switch (_random.Next(11))
            {
                case 0: text.Append(_random.Next(2) == 0 ? "## " : "### ").Append("Plan for `").Append(Identifier()).Append('`'); text.Append("\n\n"); Paragraph(text, 1); break;
                case 1 or 2: Code(text); break;
                case 3: Table(text); break;
                case 4: BulletList(text); break;
                case 5: TaskList(text); break;
                case 6: text.Append("> ").Append(Pick(Subjects)).Append(" ").Append(Pick(Verbs)).Append(' ').Append(Pick(Objects)).Append(".\n> — from the bug report"); break;
                case 7: text.Append("See ").Append(Pick(Links)).Append(" for the details; **").Append(Pick(Fixes)).Append("** is the safe option."); break;
                case 8: NumberedList(text); break;
                default: Paragraph(text, 1 + _random.Next(4)); break;
            }
        }
    }

    public void Code(StringBuilder text)
    {
        var (language, code) = Pick(CodeBlocks);
        text.Append("```").Append(language).Append('\n').Append(code).Append("\n```");
    }

    private void Table(StringBuilder text)
    {
        text.Append("| file | change | tests |\n|---|---|:-:|\n");
        int rows = 2 + _random.Next(4);
        for (int i = 0; i < rows; i++)
            text.Append("| `").Append(File()).Append("` | ").Append(Pick(Fixes)).Append(" | ").Append(_random.Next(4) == 0 ? "❌" : "✅").Append(" |\n");
        text.Length--;
    }

    private void BulletList(StringBuilder text)
    {
        int items = 2 + _random.Next(4);
        for (int i = 0; i < items; i++)
        {
            text.Append("- ").Append(Pick(Subjects)).Append(": ").Append(Pick(Fixes));
            if (_random.Next(4) == 0) text.Append("\n  - nested: `").Append(Identifier()).Append('`');
            text.Append('\n');
        }
        text.Length--;
    }

    private void NumberedList(StringBuilder text)
    {
        int items = 2 + _random.Next(4);
        for (int i = 1; i <= items; i++) text.Append(i).Append(". ").Append(Pick(Fixes)).Append('\n');
        text.Length--;
    }

    private void TaskList(StringBuilder text)
    {
        int items = 2 + _random.Next(4);
        for (int i = 0; i < items; i++)
            text.Append(_random.Next(2) == 0 ? "- [x] " : "- [ ] ").Append(Pick(Fixes)).Append('\n');
        text.Length--;
    }

    /// <summary>A tool's output: a command and what it printed.</summary>
    public (string Tool, int ExitCode) ToolOutput(StringBuilder text)
    {
        switch (_random.Next(4))
        {
            case 0:
                int passed = 20 + _random.Next(400), failed = _random.Next(5) == 0 ? 1 + _random.Next(3) : 0;
                text.Append("$ dotnet test\n```\nPassed!  - Failed: ").Append(failed).Append(", Passed: ").Append(passed)
                    .Append(", Skipped: 0, Total: ").Append(passed + failed).Append("\n```");
                return ("bash", failed > 0 ? 1 : 0);
            case 1:
                text.Append("Read `").Append(File()).Append("` (").Append(20 + _random.Next(900)).Append(" lines)\n\n");
                Code(text);
                return ("read_file", 0);
            case 2:
                text.Append("$ rg -n ").Append(Identifier()).Append("\n```\n");
                int hits = 1 + _random.Next(5);
                for (int i = 0; i < hits; i++) text.Append(File()).Append(':').Append(1 + _random.Next(500)).Append(": ").Append(Identifier()).Append("(args)\n");
                text.Append("```");
                return ("grep", 0);
            default:
                text.Append("Edited `").Append(File()).Append("`: ").Append(Pick(Fixes)).Append('.');
                return ("edit_file", 0);
        }
    }

    public string Description()
    {
        return _random.Next(10) switch
        {
            0 => Pick(Cjk).TrimEnd('。'),
            1 => $"{Pick(Fixes)} {EmojiChar()}",
            _ => $"Fix: {Pick(Subjects)} {Pick(Verbs)} {Pick(Objects)}",
        };
    }

    public string Task() => $"{Pick(Fixes)} in {File()}";
}
