using SessionBrowser.Browser;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;
using static SessionBrowser.Tests.Browser.BrowserFixture;

namespace SessionBrowser.Tests.Browser;

/// <summary>The keys of the search box, the text fields, the dialogs and the too-small screen, from the same table.</summary>
public partial class UpdateKeyTests
{
    private static AppState Searching(string typed)
    {
        var s = Press(Loaded(), "/").State;
        foreach (var c in typed) s = Press(s, c == ' ' ? "Space" : c.ToString()).State;
        return s;
    }

    private static AppState WithInterrupted(AppState s)
    {
        var first = s.Sessions.First(x => x.Id == "f6a7b8c9");
        return Send(s, new InterruptedFound([
            new InterruptedSession(first, 12, "2025-02-28T11:50:00", new LockHolder(4242, "build-box", "2025-02-28T10:00:00")),
            new InterruptedSession(s.Sessions.First(x => x.Id == "d4e5f6a7"), null, null, null)])).State;
    }

    // ---- Always and the too-small screen ----

    [Theory, MemberData(nameof(Keys), KeyContext.Always, Command.Quit)]
    public void Ctrl_C_quits_from_every_context(string key)
    {
        Assert.IsType<QuitOutcome>(Press(Loaded(), key).State.Outcome);
        Assert.IsType<QuitOutcome>(Press(Loaded(), "/", key).State.Outcome);
        Assert.IsType<QuitOutcome>(Press(Idle(), "r", key).State.Outcome);
        Assert.IsType<QuitOutcome>(Press(Loaded(), "?", key).State.Outcome);
        Assert.IsType<CancelOutcome>(Press(Loaded(pick: true), key).State.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.TooSmall, Command.Quit)]
    public void Q_quits_a_too_small_screen_and_esc_does_not(string key)
    {
        var tiny = Loaded(width: 30, height: 8);
        Assert.IsType<QuitOutcome>(Press(tiny, key).State.Outcome);
        Assert.Null(Press(tiny, "Esc").State.Outcome);
        Assert.Null(Press(tiny, "j").State.Outcome);
    }

    // ---- Search box ----

    [Fact]
    public void Typed_characters_go_into_the_search_box_not_to_commands()
    {
        var s = Searching("q d r");
        Assert.Equal("q d r", s.Search.Query);
        Assert.Null(s.Outcome);
        Assert.Null(s.Dialog);
    }

    [Fact]
    public void The_search_query_is_parsed_once_per_change_and_sent_parsed()
    {
        var (s, effects) = Press(Press(Loaded(), "/").State, "x");
        var run = Assert.IsType<RunSearch>(Assert.Single(effects));
        Assert.Same(s.Search.Parsed, run.Query);
        Assert.Equal(["x"], s.Search.Parsed!.Terms.Select(t => t.Text));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.KeepSearch)]
    public void Enter_in_the_search_box_keeps_the_query(string key)
    {
        var s = Press(Searching("zz"), key).State;
        Assert.False(s.Search.Editing);
        Assert.Equal("zz", s.Search.Query);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.KeepSearch)]
    public void Enter_on_a_search_hit_opens_it_at_the_hit_and_the_next_enter_resumes(string key)
    {
        var s = Searching("parser");
        var hit = new SearchHit(s.Sessions[s.Rows[1]], 3, "user", null, "how do I fix the parser?", [new TextRange(17, 6)], 1.0);
        (s, _) = Send(s, new SearchCompleted(s.Search.Generation, [hit]));
        s = Opened(s);
        (s, _) = Press(s, key);
        Assert.Null(s.Outcome);
        Assert.Equal(Focus.Detail, s.Focus);
        Assert.Equal(DetailTab.Messages, s.Tab);
        Assert.Equal(3, s.Detail!.SelectedMessage);
        (s, var effects) = Press(s, "Tab", "Enter");
        Assert.Equal([new PrepareResume(hit.Ref)], effects);
    }

    [Fact]
    public void A_missing_work_dir_asks_before_resuming_in_the_current_folder()
    {
        var s = Loaded();
        var target = s.Current!.Ref;
        (s, _) = Send(s, new ResumeNeedsFolder(target, "/gone/project", "/home/dev/here"));
        var dialog = Assert.IsType<ConfirmDialog>(s.Dialog);
        Assert.Contains(dialog.Body, line => line.Contains("/gone/project", StringComparison.Ordinal));
        Assert.Contains(dialog.Body, line => line.Contains("/home/dev/here", StringComparison.Ordinal));
        // Cancel is the default: Enter alone changes nothing and the browser stays.
        var (cancelled, none) = Press(s, "Enter");
        Assert.Null(cancelled.Outcome);
        Assert.Empty(none);
        var (_, effects) = Press(s, "y");
        Assert.Equal([new PrepareResume(target, InCurrentFolder: true)], effects);
    }

    [Fact]
    public void A_resume_that_cannot_run_is_said_in_the_browser_which_stays_open()
    {
        var s = Press(Loaded(), "Enter").State;
        (s, _) = Send(s, new ActionFailed("Cannot resume: kimi is not installed (not found on PATH)"));
        Assert.Null(s.Outcome);
        Assert.Equal(StatusKind.Error, s.Status!.Kind);
        Assert.Contains("not installed", s.Status.Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.KeepSearch)]
    public void In_pick_mode_one_enter_in_the_search_box_picks(string key)
    {
        var s = Press(Loaded(pick: true), "/", "z").State;
        Assert.Equal(new PickedOutcome(s.Current!.Ref), Press(s, key).State.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.ClearSearch)]
    public void Esc_in_the_search_box_clears_it(string key)
    {
        var s = Press(Searching("zz"), key).State;
        Assert.False(s.Search.Editing);
        Assert.Equal("", s.Search.Query);
        Assert.Null(s.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.MoveDown)]
    public void Down_in_the_search_box_moves_the_selection(string key) =>
        Assert.Equal(1, Press(Searching(""), key).State.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Search, Command.MoveUp)]
    public void Up_in_the_search_box_moves_the_selection(string key) =>
        Assert.Equal(0, Press(Searching(""), "Down", key).State.Selected);

    // ---- Text fields: the same edits in the search box and in every prompt ----

    public static TheoryData<string, string, string, int> Edits(KeyContext context, Command command, string before, int cursor, string after, int cursorAfter)
    {
        var data = new TheoryData<string, string, string, int>();
        foreach (var b in KeyMap.Bindings.Where(b => b.Context == context && b.Command == command))
            foreach (var k in b.Keys) data.Add(k.ToString(), before + "|" + cursor, after, cursorAfter);
        return data;
    }

    private static void EditsBoth(string key, string start, string after, int cursorAfter)
    {
        var parts = start.Split('|');
        string before = parts[0];
        int cursor = int.Parse(parts[1]);
        var moves = Enumerable.Repeat("Left", before.Length - cursor).ToArray();

        var search = Press(Press(Searching(before), moves).State, key).State;
        Assert.Equal(after, search.Search.Query);
        Assert.Equal(cursorAfter, search.Search.Input.Cursor);

        // The rename prompt starts with the description; Ctrl+U at its end empties it first.
        var s = Press(Idle(), "r", "End", "Ctrl+U").State;
        foreach (var c in before) s = Press(s, c == ' ' ? "Space" : c.ToString()).State;
        s = Press(Press(s, moves).State, key).State;
        var input = Assert.IsType<InputDialog>(s.Dialog).Input;
        Assert.Equal(after, input.Text);
        Assert.Equal(cursorAfter, input.Cursor);
    }

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.CursorLeft, "ab", 2, "ab", 1)]
    public void Text_cursor_left(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.CursorRight, "ab", 0, "ab", 1)]
    public void Text_cursor_right(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.WordLeft, "one two", 7, "one two", 4)]
    public void Text_word_left(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.WordRight, "one two", 0, "one two", 3)]
    public void Text_word_right(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.LineStart, "abc", 3, "abc", 0)]
    public void Text_line_start(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.LineEnd, "abc", 1, "abc", 3)]
    public void Text_line_end(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteBack, "abc", 2, "ac", 1)]
    public void Text_delete_back(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteForward, "abc", 1, "ac", 1)]
    public void Text_delete_forward(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteWordBack, "one two", 7, "one ", 4)]
    public void Text_delete_word_back(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteWordForward, "one two", 3, "one", 3)]
    public void Text_delete_word_forward(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteToStart, "one two", 4, "two", 0)]
    public void Text_delete_to_start(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Theory, MemberData(nameof(Edits), KeyContext.TextField, Command.DeleteToEnd, "one two", 3, "one", 3)]
    public void Text_delete_to_end(string key, string start, string after, int cursor) => EditsBoth(key, start, after, cursor);

    [Fact]
    public void A_grapheme_is_deleted_whole()
    {
        var s = Press(Loaded(), "/", "a", "🗂️", "Backspace").State;
        Assert.Equal("a", s.Search.Query);
    }

    // ---- Input dialogs ----

    [Theory, MemberData(nameof(Keys), KeyContext.InputDialog, Command.Confirm)]
    public void Enter_saves_a_prompt(string key) =>
        Assert.Equal([new RenameSession(Idle().Current!.Ref, "x")], Press(Idle(), "r", "Ctrl+U", "x", key).Effects);

    [Theory, MemberData(nameof(Keys), KeyContext.InputDialog, Command.Cancel)]
    public void Esc_cancels_a_prompt(string key)
    {
        var (s, effects) = Press(Idle(), "r", "x", key);
        Assert.Null(s.Dialog);
        Assert.Empty(effects);
        Assert.Null(s.Outcome);
    }

    // ---- Confirmation ----

    private static AppState Confirming()
    {
        var s = Loaded();
        var c = s.Current!;
        return Send(Press(s, "d").State, new DeletePlanned([new DeleteItem(c.Ref, c.Title, c.Path, [c.Path])])).State;
    }

    [Fact]
    public void Confirm_names_the_rows_of_a_session_that_has_no_files()
    {
        var s = Loaded();
        var c = s.Current!;
        var dialog = (ConfirmDialog)Send(Press(s, "d").State,
            new DeletePlanned([new DeleteItem(c.Ref, c.Title, c.Path, [], Records: ["its rows in opencode.db (1 session, 4 message), kept in the trash for undo"])])).State.Dialog!;
        Assert.Contains("    its rows in opencode.db (1 session, 4 message), kept in the trash for undo", dialog.Body);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.NextButton)]
    public void Confirm_switches_buttons(string key) =>
        Assert.Equal(0, ((ConfirmDialog)Press(Confirming(), key).State.Dialog!).Button);

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.PressButton)]
    public void Confirm_enter_presses_the_focused_button(string key)
    {
        Assert.Empty(Press(Confirming(), key).Effects);                                   // Cancel is focused first
        Assert.IsType<DeleteSessions>(Assert.Single(Press(Confirming(), "Left", key).Effects));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.Confirm)]
    public void Confirm_y_confirms(string key) =>
        Assert.IsType<DeleteSessions>(Assert.Single(Press(Confirming(), key).Effects));

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.Cancel)]
    public void Confirm_cancel(string key)
    {
        var (s, effects) = Press(Confirming(), key);
        Assert.Null(s.Dialog);
        Assert.Empty(effects);
        Assert.Null(s.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.MoveDown)]
    public void Confirm_scrolls_down(string key) => Assert.Equal(1, ((ConfirmDialog)Press(Confirming(), key).State.Dialog!).Top);

    [Theory, MemberData(nameof(Keys), KeyContext.Confirm, Command.MoveUp)]
    public void Confirm_scrolls_up(string key) => Assert.Equal(0, ((ConfirmDialog)Press(Confirming(), "j", key).State.Dialog!).Top);

    // ---- Interrupted sessions: a banner, then a dialog only on R ----

    [Fact]
    public void Interrupted_sessions_show_a_banner_and_never_take_typed_keys()
    {
        var s = WithInterrupted(Loaded());
        Assert.Null(s.Dialog);
        Assert.Equal("2 interrupted sessions: press R to review", StatusText(s));
        // What the user was typing when the scan answered goes where it was meant to go.
        var typed = Press(s, "/", "w", "o", "r", "k", "Space", "m", "e", "m", "o").State;
        Assert.Equal("work memo", typed.Search.Query);
        Assert.Null(typed.Outcome);
        Assert.Null(typed.Dialog);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.ReviewInterrupted)]
    public void R_reviews_interrupted_sessions(string key)
    {
        var r = Assert.IsType<RecoveryDialog>(Press(WithInterrupted(Loaded()), key).State.Dialog);
        Assert.Equal(2, r.Queue.Count);
        Assert.Equal("No interrupted sessions left to review", Press(Loaded(), key).State.Status!.Text);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.NextButton)]
    public void Recovery_next_button(string key) =>
        Assert.Equal(1, ((RecoveryDialog)Press(WithInterrupted(Loaded()), "R", key).State.Dialog!).Button);

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.PrevButton)]
    public void Recovery_previous_button(string key) =>
        Assert.Equal(3, ((RecoveryDialog)Press(WithInterrupted(Loaded()), "R", key).State.Dialog!).Button);

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.PressButton)]
    public void Recovery_acts_only_on_the_focused_button_and_counts_up(string key)
    {
        var s = Press(WithInterrupted(Loaded()), "R").State;
        // Letters do nothing: one-letter actions fired on keys typed for something else.
        foreach (var letter in new[] { "r", "m", "c", "i", "a" })
            Assert.Empty(Press(s, letter).Effects);
        var (next, effects) = Press(s, "Right", key);
        Assert.Equal(["f6a7b8c9"], Assert.IsType<MarkCrashed>(Assert.Single(effects)).Refs.Select(x => x.Id));
        var r = Assert.IsType<RecoveryDialog>(next.Dialog);
        Assert.Equal((1, 1), (r.Handled, r.Queue.Count));                 // "2 of 2", not "1 of 1"
        Assert.Single(next.Interrupted);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.ToggleDontAsk)]
    public void Recovery_dont_ask_again(string key) =>
        Assert.True(((RecoveryDialog)Press(WithInterrupted(Loaded()), "R", key).State.Dialog!).DontAskAgain);

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.Cancel)]
    public void Recovery_later_keeps_the_banner(string key)
    {
        var s = Press(WithInterrupted(Loaded()), "R", key).State;
        Assert.Null(s.Dialog);
        Assert.Null(s.Outcome);
        Assert.Equal("2 interrupted sessions: press R to review", StatusText(s));
    }

    /// <summary>The status line as drawn: the last message, then the interrupted-session banner.</summary>
    private static string StatusText(AppState s) => ChromeView.Status(s, s.Width).PlainText.Trim();

    [Fact]
    public void After_one_is_handled_the_status_line_says_what_is_left_not_an_older_message()
    {
        var s = Press(WithInterrupted(Loaded()), "R", "Right", "Enter").State;
        (s, _) = Send(s, new ActionCompleted("Marked f6a7b8c9 as crashed", KeepUndo: true, Reload: false));
        s = Press(s, "Esc").State;
        Assert.Equal("1 interrupted session: press R to review", StatusText(s));
        // Handled once more, the banner is gone and nothing says "left as they are".
        s = Press(s, "R", "Right", "Right", "Enter").State;
        Assert.Null(s.Dialog);
        Assert.DoesNotContain("interrupted", StatusText(s), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_message_is_cut_before_the_interrupted_banner_is()
    {
        var s = App.Say(WithInterrupted(Loaded(width: 80, height: 24)), "Showing the demo store (a copy): your store has no sessions yet. Use --store DIR for yours.");
        Assert.EndsWith("…  ·  2 interrupted sessions: press R to review", StatusText(s), StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_handled_elsewhere_leaves_the_review_and_the_banner_counts_down()
    {
        var s = WithInterrupted(Loaded());
        // Marked crashed from the command line meanwhile: the next full list shows it crashed.
        var sessions = s.Sessions.Select(x => x.Id == "f6a7b8c9" ? x with { Status = SessionStatus.Crashed, Liveness = Liveness.Idle } : x).ToList();
        var partial = Send(s, new SessionsLoaded(sessions, Filling: "loading")).State;
        Assert.Equal(2, partial.Interrupted.Count);                      // a partial list proves nothing
        s = Send(s, new SessionsLoaded(sessions)).State;
        Assert.Equal(["d4e5f6a7"], s.Interrupted.Select(i => i.Id));
        Assert.Equal("1 interrupted session: press R to review", StatusText(s));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Recovery, Command.CycleAge)]
    public void Recovery_filters_by_age_and_counts_within_the_filter(string key)
    {
        // f6a7b8c9 was last active a day ago, d4e5f6a7 three days ago.
        var s = Press(WithInterrupted(Loaded()), "R", key).State;
        var r = Assert.IsType<RecoveryDialog>(s.Dialog);
        Assert.Equal("older than 1 day", RecoveryAges.All[r.Age].Label);
        Assert.Equal(["d4e5f6a7"], r.Queue.Select(i => i.Id));
        // Older than 7 and 30 days keep nothing: skipped, back to any age.
        r = Assert.IsType<RecoveryDialog>(Press(s, key).State.Dialog);
        Assert.Equal((0, 2), (r.Age, r.Queue.Count));
        // Answering within the filter leaves the others to review later.
        var (after, effects) = Press(s, "Right", "Enter");
        Assert.Equal([new SessionRef("native", "d4e5f6a7")], Assert.IsType<MarkCrashed>(Assert.Single(effects)).Refs);
        Assert.Null(after.Dialog);
        Assert.Equal(["f6a7b8c9"], after.Interrupted.Select(i => i.Id));
    }

    [Fact]
    public void Mark_all_crashed_lists_them_and_asks_first()
    {
        var s = Press(WithInterrupted(Loaded()), "R", "Left", "Enter").State;
        var confirm = Assert.IsType<ConfirmDialog>(s.Dialog);
        Assert.Equal("Mark 2 crashed", confirm.ConfirmLabel);
        Assert.Contains(confirm.Body, line => line.Contains("f6a7b8c9", StringComparison.Ordinal) && line.Contains("Interrupted data pipeline", StringComparison.Ordinal));
        Assert.Contains(confirm.Body, line => line.Contains("d4e5f6a7", StringComparison.Ordinal));
        // Cancel is the default button: Enter alone changes nothing.
        Assert.Empty(Press(s, "Enter").Effects);
        var (_, effects) = Press(s, "y");
        var mark = Assert.IsType<MarkCrashed>(Assert.Single(effects));
        Assert.Equal(["f6a7b8c9", "d4e5f6a7"], mark.Refs.Select(r => r.Id));
    }

    // ---- Export: format and file shown before anything is written ----

    private static AppState Exporting() => Press(Idle(), "e").State;

    [Theory, MemberData(nameof(Keys), KeyContext.Export, Command.NextButton)]
    public void Export_tab_changes_the_format_and_the_extension(string key)
    {
        var s = Press(Exporting(), key).State;
        var d = Assert.IsType<ExportDialog>(s.Dialog);
        Assert.Equal(ExportFormat.Markdown, d.Format);
        Assert.EndsWith($"session-{d.Refs[0].Id}-" + Now.ToLocalTime().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + ".md", d.Path.Text, StringComparison.Ordinal);
        d = Assert.IsType<ExportDialog>(Press(s, key).State.Dialog);
        Assert.Equal((ExportFormat.Html, true), (d.Format, d.Path.Text.EndsWith(".html", StringComparison.Ordinal)));
        // Several sessions go into one zip: no transcript format is offered.
        var marked = Press(Loaded(), "Space", "Space", "e", key).State;
        Assert.Equal(ExportFormat.Zip, Assert.IsType<ExportDialog>(marked.Dialog).Format);
        Assert.Equal(2, ((ExportDialog)marked.Dialog!).Refs.Count);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Export, Command.PrevButton)]
    public void Export_shift_tab_goes_back_a_format(string key) =>
        Assert.Equal(ExportFormat.Html, Assert.IsType<ExportDialog>(Press(Exporting(), key).State.Dialog).Format);

    [Theory, MemberData(nameof(Keys), KeyContext.Export, Command.Confirm)]
    public void Export_enter_writes_to_the_path_as_edited(string key)
    {
        var s = Press(Exporting(), "Tab", "Ctrl+U").State;
        foreach (var c in "~/notes.md") s = Press(s, c.ToString()).State;
        var (next, effects) = Press(s, key);
        Assert.Null(next.Dialog);
        Assert.Equal([new ExportSessions([Idle().Current!.Ref], ExportFormat.Markdown, "~/notes.md")], effects, new EffectComparer());
        // An empty path writes nothing and says why.
        var (empty, none) = Press(Press(Exporting(), "Ctrl+U").State, key);
        Assert.Empty(none);
        Assert.IsType<ExportDialog>(empty.Dialog);
        Assert.Equal(StatusKind.Error, empty.Status!.Kind);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Export, Command.Cancel)]
    public void Export_esc_writes_nothing(string key)
    {
        var (s, effects) = Press(Exporting(), key);
        Assert.Null(s.Dialog);
        Assert.Empty(effects);
    }

    [Fact]
    public void An_existing_file_is_replaced_only_after_asking_and_cancel_goes_back_to_the_dialog()
    {
        var export = new ExportSessions([Idle().Current!.Ref], ExportFormat.Html, "~/t.html");
        var s = Send(Idle(), new ExportTargetExists(export, "/home/dev/t.html")).State;
        var confirm = Assert.IsType<ConfirmDialog>(s.Dialog);
        Assert.Contains(confirm.Body, line => line.Contains("/home/dev/t.html already exists", StringComparison.Ordinal));
        var (back, none) = Press(s, "Enter");                             // Cancel is the default
        Assert.Empty(none);
        var d = Assert.IsType<ExportDialog>(back.Dialog);
        Assert.Equal((ExportFormat.Html, "~/t.html"), (d.Format, d.Path.Text));
        var (_, effects) = Press(s, "y");
        Assert.Equal([export with { Replace = true }], effects, new EffectComparer());
    }

    // ---- Help and statistics ----

    [Theory, MemberData(nameof(Keys), KeyContext.Help, Command.MoveDown)]
    public void Help_scrolls_down(string key) => Assert.Equal(1, ((HelpDialog)Press(Loaded(), "?", key).State.Dialog!).Top);

    [Theory, MemberData(nameof(Keys), KeyContext.Help, Command.MoveUp)]
    public void Help_scrolls_up(string key) => Assert.Equal(0, ((HelpDialog)Press(Loaded(), "?", "j", key).State.Dialog!).Top);

    [Theory, MemberData(nameof(Keys), KeyContext.Help, Command.PageDown)]
    public void Help_pages_down(string key) => Assert.Equal(10, ((HelpDialog)Press(Loaded(), "?", key).State.Dialog!).Top);

    [Theory, MemberData(nameof(Keys), KeyContext.Help, Command.PageUp)]
    public void Help_pages_up(string key) => Assert.Equal(0, ((HelpDialog)Press(Loaded(), "?", "PageDown", key).State.Dialog!).Top);

    [Theory, MemberData(nameof(Keys), KeyContext.Help, Command.Close)]
    public void Help_closes(string key)
    {
        var s = Press(Loaded(), "?", key).State;
        Assert.Null(s.Dialog);
        Assert.Null(s.Outcome);
    }

    [Fact]
    public void Help_lists_every_context_of_the_table()
    {
        var s = Press(Loaded(width: 120, height: 40), "?").State;
        var text = string.Join("\n", Enumerable.Range(0, 30).Select(page =>
        {
            var buffer = new SessionBrowser.Terminal.Rendering.Buffer(120, 40);
            App.View(s with { Dialog = new HelpDialog(page * 10) }, buffer);
            return buffer.ToText();
        }));
        foreach (var b in KeyMap.Bindings) Assert.Contains(b.Description, text);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Stats, Command.Close)]
    public void Stats_close(string key)
    {
        var s = Press(Loaded(), "A", key).State;
        Assert.Null(s.Dialog);
        Assert.Null(s.Outcome);
    }
}
