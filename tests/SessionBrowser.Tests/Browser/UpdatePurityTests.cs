using SessionBrowser.Browser;
using SessionBrowser.Core.Model;
using static SessionBrowser.Tests.Browser.BrowserFixture;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Tests.Browser;

/// <summary>
/// Update and View only read the state (issue 11, "Update pure"): reading a message from its file
/// and laying out its Markdown happen in the <see cref="LayOutMessages"/> effect, whose answer
/// the pane then shows. A counting reader proves which side did the reading.
/// </summary>
public class UpdatePurityTests
{
    private sealed class CountingSource(IReadOnlyList<Message> messages) : IMessageSource
    {
        public int Reads;
        public int Count => messages.Count;
        public MessageRecord Read(int index)
        {
            Interlocked.Increment(ref Reads);
            return new MessageRecord(index, index * 100L, messages[index]);
        }
    }

    private static string Draw(AppState s)
    {
        var buffer = new Buffer(s.Width, s.Height);
        App.View(s, buffer);
        return buffer.ToText();
    }

    /// <summary>What the runtime does with a layout effect: read and lay out, then hand the pages to Update.</summary>
    private static AppState LaidOut(AppState s, Effect[] effects)
    {
        foreach (var l in effects.OfType<LayOutMessages>())
            s = Send(s, new MessagesLaidOut(l.Ref, MessagePages.Of(l.Document, l.Width, l.Indexes))).State;
        return s;
    }

    private static (AppState State, Effect[] Effects, CountingSource Source) OpenedWithoutLayout(int messages)
    {
        var s = Press(Loaded(), "j").State;   // an idle session: it opens at its first message
        var source = new CountingSource(Messages(messages));
        var (next, effects) = App.Update(s, new PreviewLoaded(s.Current!.Ref, new MessageDocument(s.Current!.Ref, source), Snapshots(3)));
        return (next, effects, source);
    }

    [Fact]
    public void Update_and_View_never_read_a_message_the_layout_effect_does()
    {
        var (s, effects, source) = OpenedWithoutLayout(300);
        Assert.Equal(0, source.Reads);
        Assert.Contains("reading…", Draw(s), StringComparison.Ordinal);
        Assert.Equal(0, source.Reads);
        // The effect reads the screen and the screens around it, nearest first.
        var ask = Assert.Single(effects.OfType<LayOutMessages>());
        Assert.Equal(0, ask.Indexes[0]);
        s = LaidOut(s, effects);
        int read = source.Reads;
        Assert.True(read > 0);
        Assert.Contains("Question 0", Draw(s), StringComparison.Ordinal);

        // Every key of the pane, a resize and a click: Update and View read nothing; what they need next is asked for.
        var asked = new List<LayOutMessages>();
        foreach (var key in new[] { "Tab", "j", "PageDown", "Ctrl+D", "J", "J", "z", "Z", "o", "G", "k", "PageUp", "g", "Ctrl+U" })
        {
            (s, effects) = App.Update(s, new KeyPressed(Chord(key)));
            asked.AddRange(effects.OfType<LayOutMessages>());
            Draw(s);
        }
        (s, effects) = App.Update(s, new Resized(100, 30));
        asked.AddRange(effects.OfType<LayOutMessages>());
        (s, _) = App.Update(s, new MouseClicked(ScreenLayout.For(s).DetailBody.X + 3, ScreenLayout.For(s).DetailBody.Y + 2));
        Draw(s);
        Assert.Equal(read, source.Reads);
        Assert.NotEmpty(asked);   // G went past what was laid out, and the resize changed the width
        Assert.Contains(asked, a => a.Width == ScreenLayout.Of(100, 30).DetailTextWidth);
    }

    [Fact]
    public void The_end_of_a_long_session_shows_once_its_layout_arrives()
    {
        var (s, effects, _) = OpenedWithoutLayout(300);
        s = LaidOut(s, effects);
        (s, effects) = App.Update(s, new KeyPressed(Chord("Tab")));
        (s, effects) = App.Update(s, new KeyPressed(Chord("G")));
        // The last messages are not laid out yet: placeholders, and the effect that brings them.
        Assert.Contains("reading…", Draw(s), StringComparison.Ordinal);
        s = LaidOut(s, effects);
        var screen = Draw(s);
        Assert.DoesNotContain("reading…", screen, StringComparison.Ordinal);
        Assert.Contains("#300/300", screen, StringComparison.Ordinal);
        Assert.True(s.Detail!.Follow);
        Assert.Equal(DetailScroll.MaxTop(s.Detail, ScreenLayout.For(s).DetailBody.Height), s.Detail.Top);
    }

    [Fact]
    public void A_layout_for_a_width_the_pane_no_longer_has_is_dropped_and_asked_again()
    {
        var (s, effects, _) = OpenedWithoutLayout(60);
        var stale = Assert.Single(effects.OfType<LayOutMessages>());
        (s, effects) = App.Update(s, new Resized(90, 30));
        var fresh = Assert.Single(effects.OfType<LayOutMessages>());
        Assert.NotEqual(stale.Width, fresh.Width);
        (s, _) = App.Update(s, new MessagesLaidOut(stale.Ref, MessagePages.Of(stale.Document, stale.Width, stale.Indexes)));
        Assert.Empty(s.Detail!.Pages.Messages);
        s = LaidOut(s, [fresh]);
        Assert.Equal(fresh.Width, s.Detail!.Pages.Width);
        Assert.Contains("Question 0", Draw(s), StringComparison.Ordinal);
    }

    [Fact]
    public void A_match_in_a_collapsed_message_not_yet_laid_out_opens_when_it_arrives()
    {
        var (s, effects, _) = OpenedWithoutLayout(300);
        s = LaidOut(s, effects);
        // As a search for "output" leaves it: one match, a tool message far down.
        var d = s.Detail! with { Highlight = "output", Matches = [290], MatchCursor = -1 };
        (s, effects) = App.Update(s with { Detail = d }, new KeyPressed(Chord("n")));
        Assert.Equal(290, s.Detail!.SelectedMessage);
        Assert.Equal(290, s.Detail.Reveal);
        s = LaidOut(s, effects);
        Assert.Null(s.Detail!.Reveal);
        Assert.Contains(290, s.Detail.Toggled);            // message 290 is tool output, collapsed by default: opened
        Assert.False(MessageLayout.IsCollapsed(s.Detail, 290));
        Assert.Equal(290, s.Detail.Top.Message);
    }
}
