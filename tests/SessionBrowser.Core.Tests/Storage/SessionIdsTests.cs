using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Tests.Storage;

public class SessionIdsTests
{
    [Theory]
    [InlineData("a3b4c5d6")]
    [InlineData("8f14e45f-ceea-467f-a8f7-3d1ea3b1c2d4")]
    [InlineData("会话1")]
    public void Ordinary_ids_pass(string id) => Assert.Equal(id, SessionIds.Validate(id));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("a/../../b")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc/passwd")]
    [InlineData(".trash")]
    [InlineData("a..b")]
    [InlineData("c:x")]
    [InlineData("a\u0000b")]
    [InlineData(" a")]
    public void Ids_that_could_leave_the_store_are_rejected(string id)
    {
        Assert.False(SessionIds.IsValid(id));
        var error = Assert.Throws<InvalidSessionIdException>(() => SessionIds.Validate(id));
        Assert.StartsWith("invalid session id", error.Message);
    }

    [Fact]
    public void PathIn_stays_inside_the_root()
    {
        string root = Path.Combine(Path.GetTempPath(), "store");
        Assert.Equal(Path.Combine(root, "a3b4c5d6"), SessionIds.PathIn(root, "a3b4c5d6"));
        Assert.Throws<InvalidSessionIdException>(() => SessionIds.PathIn(root, ".."));
        Assert.Throws<InvalidSessionIdException>(() => SessionIds.PathIn(root, new string('x', 300)));
    }

    [Fact]
    public void A_file_system_root_as_the_store_holds_its_entries()
    {
        // --store / once failed every listing with 'invalid session id "work"'.
        Assert.Equal("/work", SessionIds.PathIn("/", "work"));
        Assert.Equal("/work", SessionIds.PathIn("//", "work"));
        Assert.Throws<InvalidSessionIdException>(() => SessionIds.PathIn("/", ".."));
    }
}
