using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Codex;

namespace SessionBrowser.Core.Tests.Codex;

/// <summary>
/// A rollout's summary counts messages by the role <see cref="CodexMessages.ToMessage"/> gives
/// them, read by <see cref="CodexMessages.RoleOf"/> without making each message: for every line
/// it answers, the role (and, where asked, the user's text) must be ToMessage's.
/// </summary>
public class CodexMessageRoleTests
{
    private static IEnumerable<string> SampleLines() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "codex")).SelectMany(File.ReadLines);

    public static TheoryData<string> Odd => new()
    {
        """{"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\n<cwd>/x</cwd>\n</environment_context>"}]}}""",
        """{"type":"response_item","payload":{"type":"message","role":"user","content":"plain string"}}""",
        """{"type":"response_item","payload":{"type":"message","role":"user","content":[{"type":"input_image"},{"text":5},{"type":"input_text","text":"two"}]}}""",
        """{"type":"response_item","payload":{"type":"message","role":"developer","content":[]}}""",
        """{"type":"response_item","payload":{"type":"message","role":"system"}}""",
        """{"type":"response_item","payload":{"type":"message","role":"tool"}}""",
        """{"type":"response_item","payload":{"type":"message","role":7}}""",
        """{"type":"response_item","payload":{"type":"message"}}""",
        """{"type":"response_item","payload":{"type":"message","role":"assistant","role":"user","content":"last key"}}""",
        """{"type":"response_item","payload":{"type":"message","role":"user"},"payload":{"type":"message","role":"assistant"}}""",
        """{"type":"response_item","payload":{"type":"message","role":"user"},"payload":5}""",
        """{"type":"response_item","payload":{"type":"reasoning","summary":[]}}""",
        """{"type":"event_msg","payload":{"type":"user_message","message":"hi"}}""",
        """{"type":"event_msg","payload":{"type":"user_message","message":5}}""",
        """{"type":"event_msg","payload":{"type":"user_message"}}""",
        """{"type":"event_msg","payload":{"type":"agent_message","message":"done"}}""",
        """{"type":"event_msg","payload":{"type":"item_completed","item":{"type":"UserMessage","content":[{"type":"text","text":"asked"}]}}}""",
        """{"type":"event_msg","payload":{"type":"item_completed","item":{"type":"AgentMessage","content":"said"}}}""",
        """{"type":"event_msg","payload":{"type":"item_completed","item":{"type":"UserMessage"},"item":3}}""",
        """{"type":"event_msg","payload":{"type":"token_count"}}""",
        """{"type":"event_msg","payload":[1]}""",
        """{"type":"event_msg"}""",
        """{"type":"compacted","payload":{"message":"summary"}}""",
        """{"type":5,"payload":{"type":"message","role":"user"}}""",
        """{"payload":{"type":"message","role":"user","content":"no type"}}""",
    };

    [Theory]
    [MemberData(nameof(Odd))]
    public void An_odd_line_gets_ToMessages_role(string line) => AssertSameAsToMessage(line);

    [Fact]
    public void Every_sample_line_gets_ToMessages_role()
    {
        var lines = SampleLines().Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(lines);
        foreach (string line in lines) AssertSameAsToMessage(line);
    }

    private static void AssertSameAsToMessage(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        foreach (bool wantText in (bool[])[true, false])
        {
            if (CodexMessages.RoleOf(root, wantText) is not var (role, content)) continue;
            var message = CodexMessages.ToMessage(root);
            Assert.Equal(message.Role, role);
            if (role == Roles.User && wantText) Assert.Equal(message.Content, content);
        }
    }
}
