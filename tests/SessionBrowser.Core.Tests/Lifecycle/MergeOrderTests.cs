using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class MergeOrderTests
{
    private static Message M(string content, string? time) => new(Roles.User, content, time);

    [Fact]
    public void Interleaves_by_time_stably()
    {
        IReadOnlyList<Message> a = [M("a1", "2025-01-01T10:00:00"), M("a2", "2025-01-01T10:05:00"), M("a3", "2025-01-01T10:05:00")];
        IReadOnlyList<Message> b = [M("b1", "2025-01-01T09:00:00"), M("b2", "2025-01-01T10:05:00"), M("b3", "2025-01-01T11:00:00")];
        var merged = MergeOrder.Interleave([a, b], m => m.Time);
        // Equal times: first input first, each input in its own order.
        Assert.Equal(["b1", "a1", "a2", "a3", "b2", "b3"], merged.Select(m => m.Content));
    }

    [Fact]
    public void Untimed_messages_stay_after_their_predecessor()
    {
        IReadOnlyList<Message> a = [M("a1", "2025-01-01T10:00:00"), M("a-untimed", null), M("a2", "2025-01-01T12:00:00")];
        IReadOnlyList<Message> b = [M("b-untimed", "junk"), M("b1", "2025-01-01T11:00:00")];
        var merged = MergeOrder.Interleave([a, b], m => m.Time);
        Assert.Equal(["b-untimed", "a1", "a-untimed", "b1", "a2"], merged.Select(m => m.Content));
    }

    [Fact]
    public void Offsets_compare_as_instants()
    {
        IReadOnlyList<Message> a = [M("a-utc-10", "2025-01-01T10:00:00Z")];
        IReadOnlyList<Message> b = [M("b-utc-09", "2025-01-01T11:00:00+02:00")];
        Assert.Equal(["b-utc-09", "a-utc-10"], MergeOrder.Interleave([a, b], m => m.Time).Select(m => m.Content));
    }
}
