using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Tests.Hostile;

/// <summary>Issue 14, items 4 and 11: names the store uses for itself and invisible characters are never session ids.</summary>
public sealed class ReservedIdTests
{
    [Theory]
    [InlineData("index.json")]
    [InlineData("INDEX.JSON")]
    [InlineData(".trash")]
    [InlineData(".index.lock")]
    [InlineData("abc\u202Efdp.exe")]
    [InlineData("\u2066abc")]
    [InlineData("ab\u200Bcd")]
    public void Is_never_an_id(string id)
    {
        Assert.False(SessionIds.IsValid(id));
        Assert.Throws<InvalidSessionIdException>(() => SessionIds.PathIn("/store", id));
    }

    [Fact]
    public void A_lone_surrogate_is_never_an_id()
    {
        // Built in code: a test runner may turn a lone surrogate in an attribute into U+FFFD.
        string id = "ab" + (char)0xDCFF + "cd";
        Assert.False(SessionIds.IsValid(id));
    }

    [Theory]
    [InlineData("a3b4c5d6")]
    [InlineData("index.json.bak")]
    [InlineData("café-😀")]
    public void Ordinary_ids_stay_valid(string id) => Assert.True(SessionIds.IsValid(id));
}
