namespace SessionBrowser.Core.Tests.Search;

/// <summary>A varied store for search tests: several languages, roles, statuses, tags, times and damage.</summary>
internal static class SearchFixture
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
        ["login", "bug", "refactor", "database", "migration", "pointer", "null", "cache", "render", "table", "parser", "token",
         "logger", "logging", "deploy", "crash", "retry", "timeout", "café", "naïve"];

    private static readonly string[] Cjk = ["修复登录错误", "数据库迁移", "日本語のテスト", "キャッシュを更新", "한국어 검색"];

    public static FolderStore Build(string root, int sessions = 24, int seed = 7)
    {
        var store = new FolderStore(root);
        var random = new Random(seed);
        string[] statuses = ["active", "paused", "completed", "crashed"];
        for (int s = 0; s < sessions; s++)
        {
            var id = $"s{s:D3}";
            var last = Start.AddDays(s).AddHours(random.Next(12));
            store.Write(id, s % 5 == 0 ? Cjk[s / 5 % Cjk.Length] : $"Work on {Pick(random)} {Pick(random)}",
                statuses[s % 4], s % 3 == 0 ? ["ui", "Backend"] : ["infra"], s % 2 == 0 ? "gpt-4o" : "claude", last);
            int count = 5 + random.Next(20);
            for (int m = 0; m < count; m++)
            {
                string role = (m % 4) switch { 0 => "user", 1 => "assistant", 2 => "tool", _ => "assistant" };
                string content = m % 7 == 3
                    ? $"{Cjk[random.Next(Cjk.Length)]} {Pick(random)}"
                    : $"## {Pick(random)}\n\nThe {Pick(random)} {Pick(random)} and `{Pick(random)}()`\n\n```\n{Pick(random)} {Pick(random)}\n```\n- {Pick(random)}";
                store.Append(id, role, content, last.AddHours(-count + m));
            }
            if (s == 4) store.AppendRaw(id, "{not json at all\n");
            if (s == 5) store.AppendRaw(id, "{\"role\": \"user\", \"content\": \"torn tail wor");
        }
        // One session whose metadata cannot be read: listed as damaged, its messages still searchable.
        Directory.CreateDirectory(Path.Combine(root, "broken"));
        File.WriteAllText(Path.Combine(root, "broken", "meta.json"), "{ this is not json");
        store.AppendRaw("broken", "{\"role\": \"user\", \"content\": \"unique zebra message\"}\n");
        return store;

        static string Pick(Random r) => Words[r.Next(Words.Length)];
    }
}
