using SessionBrowser.Browser;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using static SessionBrowser.Tests.Browser.BrowserFixture;

namespace SessionBrowser.Tests.Browser;

/// <summary>
/// Every key of the help overlay, through the pure Update: each test is a Theory over all the
/// keys bound to one command in one context, so adding a key to the map adds it to a test.
/// </summary>
public partial class UpdateKeyTests
{
    public static TheoryData<string> Keys(KeyContext context, Command command)
    {
        var data = new TheoryData<string>();
        foreach (var b in KeyMap.Bindings.Where(b => b.Context == context && b.Command == command))
            foreach (var k in b.Keys) data.Add(k.ToString());
        return data;
    }

    private static AppState InDetail(DetailTab tab, int messages = 30)
    {
        var s = Opened(Press(Loaded(), "j").State, Messages(messages));   // the first session is live (follows the end)
        (s, _) = App.Run(s, tab switch { DetailTab.Timeline => Command.ShowTimeline, DetailTab.Info => Command.ShowInfo, _ => Command.ShowMessages });
        return s;
    }

    /// <summary>The messages tab of a session whose second message has a code line far wider than the pane.</summary>
    private static AppState WithLongCode()
    {
        var code = "var total = " + string.Join(" + ", Enumerable.Range(1, 40).Select(i => $"item{i}.Price")) + "; // END";
        var s = Opened(Press(Loaded(), "j").State, [new Message(Roles.User, "sum it", "2025-03-01T11:00:00"),
            new Message(Roles.Assistant, "```csharp\n" + code + "\nreturn total;\n```", "2025-03-01T11:00:01")]);
        return App.Run(s, Command.ShowMessages).State;
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.ScrollRight)]
    public void Long_code_lines_scroll_right_with_a_marker_on_each_side_that_has_more(string key)
    {
        var s = WithLongCode();
        Assert.Contains("var total = item1.Price", Render(s), StringComparison.Ordinal);
        Assert.DoesNotContain("│ …", Render(s), StringComparison.Ordinal);
        s = Press(s, key).State;
        Assert.True(s.Detail!.Shift > 0);
        var screen = Render(s);
        Assert.DoesNotContain("var total = item1.Price", screen, StringComparison.Ordinal);
        Assert.Contains("│ …", screen, StringComparison.Ordinal);               // more to the left
        for (int i = 0; i < 40; i++) s = Press(s, key).State;
        Assert.Equal(MessageLayout.MaxShift(s.Detail!), s.Detail!.Shift);      // stops where the end shows
        Assert.Contains("; // END │", Render(s), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.ScrollLeft)]
    public void Long_code_lines_scroll_back_left_and_not_past_the_start(string key)
    {
        var s = Press(WithLongCode(), "L", "L", key, key, key).State;
        Assert.Equal(0, s.Detail!.Shift);
        Assert.Contains("var total = item1.Price", Render(s), StringComparison.Ordinal);
        // Nothing cut: says so instead of moving.
        var plain = Press(InDetail(DetailTab.Messages), key).State;
        Assert.Equal(0, plain.Detail!.Shift);
        Assert.Contains("nothing to scroll sideways", plain.Status!.Text, StringComparison.Ordinal);
    }

    // ---- Global ----

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Help)]
    public void Help_opens_the_overlay(string key)
    {
        var (s, _) = Press(Loaded(), key);
        Assert.IsType<HelpDialog>(s.Dialog);
        (s, _) = Press(s, "Esc");
        Assert.Null(s.Dialog);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Quit)]
    public void Quit_ends_the_browser(string key)
    {
        Assert.IsType<QuitOutcome>(Press(Loaded(), key).State.Outcome);
        Assert.IsType<CancelOutcome>(Press(Loaded(pick: true), key).State.Outcome);
    }

    [Theory]
    [InlineData("1", DetailTab.Messages)]
    [InlineData("2", DetailTab.Timeline)]
    [InlineData("3", DetailTab.Info)]
    public void Number_keys_show_a_tab(string key, DetailTab tab)
    {
        var s = Opened(Loaded());
        (s, _) = Press(s, "3");
        var (next, _) = Press(s, key);
        Assert.Equal(tab, next.Tab);
        Assert.Equal(Focus.Detail, next.Focus);
    }

    /// <summary>The fixture's sessions in the order the list shows them.</summary>
    private static List<SessionSummary> InListOrder()
    {
        var s = Loaded();
        return [.. s.Rows.Select(i => s.Sessions[i])];
    }

    [Fact]
    public void While_the_list_fills_in_a_cursor_on_the_first_row_stays_on_the_newest()
    {
        // The first source's sessions come first; a slower source's newer ones arrive above them.
        var all = InListOrder();
        var (s, _) = App.Init(new BrowserOptions { StoreLabel = "~/.kimi/sessions" }, 120, 40, Now);
        s = Send(s, new SessionsLoaded([.. all.Skip(2)], Filling: "loading")).State;
        Assert.Equal(all[2].Ref, s.Current!.Ref);

        s = Send(s, new SessionsLoaded(all)).State;

        Assert.Equal(0, s.Selected);
        Assert.Equal(all[0].Ref, s.Current!.Ref);
        Assert.Equal(all[0].Ref, s.Detail!.Ref);               // the preview follows
    }

    [Fact]
    public void A_session_chosen_while_the_list_fills_in_stays_chosen()
    {
        var all = InListOrder();
        var (s, _) = App.Init(new BrowserOptions { StoreLabel = "~/.kimi/sessions" }, 120, 40, Now);
        s = Send(s, new SessionsLoaded([.. all.Skip(2)], Filling: "loading")).State;
        s = Press(s, "j").State;
        var chosen = s.Current!.Ref;

        s = Send(s, new SessionsLoaded(all)).State;

        Assert.Equal(chosen, s.Current!.Ref);
        // Once the list is complete, the cursor keeps its session through reloads, on the first row too.
        s = Press(s, "g").State;
        var first = s.Current!.Ref;
        s = Send(s, new SessionsLoaded([Session("newer01", "A newer session", age: TimeSpan.FromMinutes(1)), .. all])).State;
        Assert.Equal(first, s.Current!.Ref);
    }

    [Fact]
    public void Showing_the_timeline_loads_the_selected_snapshot()
    {
        var (s, effects) = Press(Opened(Loaded()), "2");
        Assert.Equal(DetailTab.Timeline, s.Tab);
        Assert.Contains(new LoadSnapshot(s.Current!.Ref, 15), effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.NextTab)]
    public void Next_tab_cycles(string key)
    {
        var s = Opened(Loaded());
        Assert.Equal(DetailTab.Timeline, Press(s, key).State.Tab);
        Assert.Equal(DetailTab.Messages, Press(s, key, key, key).State.Tab);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.PrevTab)]
    public void Previous_tab_cycles(string key) =>
        Assert.Equal(DetailTab.Info, Press(Opened(Loaded()), key).State.Tab);

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.WidenList)]
    public void Widen_gives_the_list_more_of_the_width(string key)
    {
        var s = Opened(Loaded());
        var wider = Press(s, key).State;
        Assert.Equal(PaneSplit.DefaultPercent + PaneSplit.Step, wider.Split.ListPercent);
        Assert.True(ScreenLayout.For(wider).List.Width > ScreenLayout.For(s).List.Width);
        // It stops at the most the list may take.
        var widest = Press(s, [.. Enumerable.Repeat(key, 20)]).State;
        Assert.Equal(PaneSplit.MaxPercent, widest.Split.ListPercent);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.NarrowList)]
    public void Narrow_gives_the_preview_more_of_the_width(string key)
    {
        var s = Opened(Loaded());
        var narrower = Press(s, key).State;
        Assert.True(ScreenLayout.For(narrower).List.Width < ScreenLayout.For(s).List.Width);
        Assert.Equal(PaneSplit.MinPercent, Press(s, [.. Enumerable.Repeat(key, 20)]).State.Split.ListPercent);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.TogglePreview)]
    public void Preview_hides_and_shows_again(string key)
    {
        var hidden = Press(Opened(Loaded()), key).State;
        Assert.True(hidden.Split.PreviewHidden);
        Assert.True(ScreenLayout.For(hidden).OnePane);
        Assert.Equal(120, ScreenLayout.For(hidden).List.Width);
        var shown = Press(hidden, key).State;
        Assert.False(ScreenLayout.For(shown).OnePane);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Search)]
    public void Slash_starts_a_search_and_typing_asks_the_core_search(string key)
    {
        var (s, _) = Press(Loaded(), key);
        Assert.True(s.Search.Editing);
        (s, var effects) = Press(s, "p", "a");
        Assert.Equal("pa", s.Search.Query);
        var run = Assert.IsType<RunSearch>(Assert.Single(effects));
        Assert.Equal((s.Search.Generation, "pa"), (run.Generation, run.Query.Text));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.CopyId)]
    public void Y_copies_the_id_with_osc52(string key)
    {
        var s = Loaded();
        var (next, effects) = Press(s, key);
        Assert.Equal([new CopyToClipboard(s.Current!.Id)], effects);
        Assert.Contains(s.Current!.Id, next.Status!.Text);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Undo)]
    public void U_undoes_the_last_delete(string key)
    {
        var trashed = new TrashedSession(new SessionRef("native", "a1b2c3d4"), "t", "trash-1");
        var (s, _) = Send(Loaded(), new ActionCompleted("Deleted 1 session", new UndoDelete([trashed])));
        Assert.Contains("u to", s.Status!.Text);
        var (next, effects) = Press(s, key);
        Assert.Equal([new RestoreFromTrash([trashed])], effects.Select(e => e is RestoreFromTrash r ? new RestoreFromTrash([.. r.Trashed]) : e).ToArray(), new EffectComparer());
        Assert.Null(next.Undo);
        Assert.Empty(Press(next, key).Effects);   // nothing left to undo
    }

    [Fact]
    public void U_undoes_a_snapshot_restore()
    {
        var r = new SessionRef("native", "a1b2c3d4");
        var (s, _) = Send(Loaded(), new ActionCompleted("Restored", new UndoRestore(r, "token-1", "step 5")));
        var (_, effects) = Press(s, "u");
        Assert.Equal([new UndoSnapshotRestore(r, "token-1")], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Stats)]
    public void A_opens_the_stats_screen(string key)
    {
        var (s, effects) = Press(Loaded(), key);
        Assert.IsType<StatsDialog>(s.Dialog);
        Assert.Equal([new LoadStats()], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Delete)]
    public void Delete_plans_then_confirms_then_deletes(string key)
    {
        var s = Loaded();
        var target = s.Current!;
        var (planned, effects) = Press(s, key);
        Assert.Equal([new PlanDelete([target.Ref])], effects.Select(e => e is PlanDelete p ? new PlanDelete([.. p.Refs]) : e).ToArray(), new EffectComparer());
        (planned, effects) = Send(planned, new DeletePlanned([new DeleteItem(target.Ref, target.Title, target.Path, ["metadata.json", "messages.jsonl"])]));
        Assert.Empty(effects);
        var dialog = Assert.IsType<ConfirmDialog>(planned.Dialog);
        Assert.Contains(dialog.Body, l => l.Contains(target.Title) && l.Contains(target.Id));
        Assert.Contains(dialog.Body, l => l.Contains("messages.jsonl"));
        Assert.Equal(1, dialog.Button);                    // Cancel is the default
        Assert.Empty(Press(planned, "Enter").Effects);      // so Enter alone does nothing destructive
        var (done, confirmed) = Press(planned, "y");
        Assert.Null(done.Dialog);
        Assert.IsType<DeleteSessions>(Assert.Single(confirmed));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Rename)]
    public void R_renames_through_a_prompt(string key)
    {
        var s = Idle();
        var (next, _) = Press(s, key);
        var input = Assert.IsType<InputDialog>(next.Dialog);
        Assert.Equal(s.Current!.Description, input.Input.Text);
        (next, var effects) = Press(next, "Ctrl+U", "N", "e", "w", "Enter");
        Assert.Equal([new RenameSession(s.Current!.Ref, "New")], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.EditTags)]
    public void T_edits_tags(string key)
    {
        var s = Idle();
        var (next, _) = Press(s, key);
        Assert.IsType<InputDialog>(next.Dialog);
        (_, var effects) = Press(next, "+", "x", "Space", "-", "a", "u", "t", "h", "Enter");
        Assert.Equal([new ChangeTags(s.Current!.Ref, "+x -auth")], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Global, Command.Export)]
    public void E_shows_the_export_dialog_prefilled_and_writes_nothing_yet(string key)
    {
        var s = Loaded();
        var (next, effects) = Press(s, key);
        Assert.Empty(effects);
        var dialog = Assert.IsType<ExportDialog>(next.Dialog);
        Assert.Equal([s.Current!.Ref], dialog.Refs);
        Assert.Equal(ExportFormat.Zip, dialog.Format);
        var stamp = Now.ToLocalTime().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/home/dev/Downloads/session-{s.Current.Id}-{stamp}.zip", dialog.Path.Text);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Always, Command.Redraw)]
    public void Ctrl_L_redraws_from_every_focus(string key)
    {
        Assert.Equal([new RedrawAll()], Press(Loaded(), key).Effects);
        Assert.Equal([new RedrawAll()], Press(Loaded(), "/", "a", key).Effects);          // search box
        Assert.Equal([new RedrawAll()], Press(Opened(Loaded()), "Tab", key).Effects);     // messages pane
        Assert.Equal([new RedrawAll()], Press(Idle(), "r", key).Effects);               // a dialog
        Assert.Equal([new RedrawAll()], Press(Loaded(width: 30, height: 8), key).Effects); // too small
        Assert.Equal("a", Press(Loaded(), "/", "a", key).State.Search.Query);
    }

    [Fact]
    public void Live_sessions_are_looked_at_again_and_one_whose_writer_exited_turns_interrupted()
    {
        var s = Loaded();
        var live = s.Sessions.Single(x => x.Liveness == Liveness.Live);
        var (ticked, effects) = Send(s, new Tick(Now + TimeSpan.FromSeconds(1)));
        Assert.Equal([live.Ref], Assert.Single(effects.OfType<CheckLiveness>()).Refs);
        // Nothing changed: the state is the same.
        Assert.Same(ticked, Send(ticked, new LivenessChecked([live])).State);
        var (next, _) = Send(ticked, new LivenessChecked([live with { Liveness = Liveness.Interrupted }]));
        Assert.Equal(Liveness.Interrupted, next.Sessions.Single(x => x.Ref == live.Ref).Liveness);
        Assert.Contains("is no longer live: interrupted", next.Status!.Text, StringComparison.Ordinal);
        Assert.Empty(Send(next, new Tick(Now + TimeSpan.FromSeconds(2))).Effects.OfType<CheckLiveness>());
    }

    [Fact]
    public void A_reload_that_finds_a_live_session_ended_says_so_as_the_liveness_check_would()
    {
        var s = Loaded();
        var live = s.Sessions.Single(x => x.Liveness == Liveness.Live);
        var reloaded = s.Sessions.Select(x => x.Ref == live.Ref ? x with { Liveness = Liveness.Interrupted } : x).ToList();

        // A partial list says nothing yet; the complete one does.
        Assert.Null(Send(s, new SessionsLoaded(reloaded, Filling: "loading")).State.Status);
        var next = Send(s, new SessionsLoaded(reloaded)).State;

        Assert.Equal(Liveness.Interrupted, next.Sessions.Single(x => x.Ref == live.Ref).Liveness);
        Assert.Contains("is no longer live: interrupted", next.Status!.Text, StringComparison.Ordinal);
        // The same list again: nothing ended since.
        Assert.Null(Send(next with { Status = null }, new SessionsLoaded(reloaded)).State.Status);
    }

    [Theory]
    [InlineData("r", "rename")]
    [InlineData("t", "tag")]
    public void Rename_and_tags_on_a_live_session_are_refused_before_any_dialog(string key, string action)
    {
        var s = Loaded();
        var live = s.Rows.Select(i => s.Sessions[i]).ToList().FindIndex(x => x.Liveness == Liveness.Live);
        var (next, effects) = Press(Press(s, [.. Enumerable.Repeat("j", live)]).State, key);
        Assert.Null(next.Dialog);
        Assert.Empty(effects);
        Assert.Equal(StatusKind.Error, next.Status!.Kind);
        Assert.Contains($"Cannot {action}", next.Status.Text, StringComparison.Ordinal);
        Assert.Contains("live", next.Status.Text, StringComparison.Ordinal);
    }

    // ---- List ----

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.MoveDown)]
    public void Down_selects_the_next_session_and_loads_its_preview(string key)
    {
        var s = Loaded();
        var (next, effects) = Press(s, key);
        Assert.Equal(1, next.Selected);
        // Its first screen comes laid out at the messages pane's size.
        var layout = ScreenLayout.For(next);
        Assert.Equal([new LoadPreview(next.Current!.Ref, layout.DetailTextWidth, layout.DetailBody.Height)], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.MoveUp)]
    public void Up_selects_the_previous_session(string key)
    {
        var (s, _) = Press(Loaded(), "j", "j");
        Assert.Equal(1, Press(s, key).State.Selected);
        Assert.Equal(0, Press(Loaded(), key).State.Selected);   // clamped at the top
    }

    private static IReadOnlyList<SessionSummary> Many(int n) =>
        [.. Enumerable.Range(0, n).Select(i => Session($"s{i:D7}", $"Session {i}", age: TimeSpan.FromMinutes(i)))];

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PageDown)]
    public void Page_down_moves_a_page(string key)
    {
        var s = Loaded(Many(100));
        int page = ScreenLayout.Of(120, 40).ListRows;
        var next = Press(s, key).State;
        Assert.Equal(page, next.Selected);
        Assert.True(next.ListTop > 0);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PageUp)]
    public void Page_up_moves_a_page(string key)
    {
        var s = Press(Loaded(Many(100)), "G").State;
        Assert.Equal(99 - ScreenLayout.Of(120, 40).ListRows, Press(s, key).State.Selected);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.HalfPageDown)]
    public void Half_page_down(string key) =>
        Assert.Equal(ScreenLayout.Of(120, 40).ListRows / 2, Press(Loaded(Many(100)), key).State.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.HalfPageUp)]
    public void Half_page_up(string key) =>
        Assert.Equal(99 - ScreenLayout.Of(120, 40).ListRows / 2, Press(Press(Loaded(Many(100)), "G").State, key).State.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.First)]
    public void First_goes_to_the_top(string key) =>
        Assert.Equal(0, Press(Press(Loaded(Many(50)), "G").State, key).State.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.Last)]
    public void Last_goes_to_the_bottom(string key)
    {
        var s = Press(Loaded(Many(50)), key).State;
        Assert.Equal(49, s.Selected);
        Assert.Equal(50 - ScreenLayout.Of(120, 40).ListRows, s.ListTop);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.Resume)]
    public void Enter_resumes_or_picks(string key)
    {
        var s = Loaded();
        var (checking, effects) = Press(s, key);
        // The screen is left only once the command is known to run.
        Assert.Null(checking.Outcome);
        Assert.Equal([new PrepareResume(s.Current!.Ref)], effects);
        var command = new ResumeCommand(["kimi", "--session", s.Current!.Id], null);
        Assert.Equal(new ResumeOutcome(s.Current!.Ref, command), Send(checking, new ResumeReady(s.Current!.Ref, command)).State.Outcome);
        var p = Loaded(pick: true);
        Assert.Equal(new PickedOutcome(p.Current!.Ref), Press(p, key).State.Outcome);
    }

    [Theory]
    [InlineData(60, 20)]
    [InlineData(40, 12)]
    public void Enter_in_one_pane_opens_the_messages_and_Enter_there_resumes(int width, int height)
    {
        var s = Opened(Loaded(width: width, height: height));
        var (opened, effects) = Press(s, "Enter");
        // Below 80 columns the list hides the messages: the first Enter shows them, it never resumes.
        Assert.Empty(effects);
        Assert.Null(opened.Outcome);
        Assert.Equal(Focus.Detail, opened.Focus);
        Assert.Equal(DetailTab.Messages, opened.Tab);
        Assert.Contains("resumes", opened.Status!.Text, StringComparison.Ordinal);
        Assert.Equal([new PrepareResume(s.Current!.Ref)], Press(opened, "Enter").Effects);
        // Tab still goes back, and pick mode picks with one Enter, as fzf does.
        var back = Press(opened, "Tab").State;
        Assert.Equal(Focus.List, back.Focus);
        Assert.Null(back.Status);   // the hint about Enter is about the messages pane only
        var p = Opened(Loaded(width: width, height: height, pick: true));
        Assert.Equal(new PickedOutcome(p.Current!.Ref), Press(p, "Enter").State.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.Resume)]
    public void Enter_in_the_messages_resumes_the_session(string key)
    {
        var s = InDetail(DetailTab.Messages);
        Assert.Equal([new PrepareResume(s.Current!.Ref)], Press(s, key).Effects);
    }

    [Fact]
    public void A_damaged_session_is_not_resumed()
    {
        var s = Loaded([Session("e5f6a7b8", "(damaged)", damaged: "bad json")]);
        var next = Press(s, "Enter").State;
        Assert.Null(next.Outcome);
        Assert.Equal(StatusKind.Error, next.Status!.Kind);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.FocusDetail)]
    public void Right_moves_into_the_detail(string key) =>
        Assert.Equal(Focus.Detail, Press(Opened(Loaded()), key).State.Focus);

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.ToggleMark)]
    public void Space_marks_and_moves_on(string key)
    {
        var s = Loaded();
        var first = s.Current!.Ref;
        var next = Press(s, key).State;
        Assert.Contains(first, next.Marks);
        Assert.Equal(1, next.Selected);
        next = Press(Press(next, "k").State, key).State;
        Assert.DoesNotContain(first, next.Marks);
    }

    [Fact]
    public void Delete_with_marks_targets_the_marked_sessions()
    {
        var s = Press(Loaded(), "Space", "Space").State;
        var (_, effects) = Press(s, "d");
        Assert.Equal(2, Assert.IsType<PlanDelete>(Assert.Single(effects)).Refs.Count);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.MarkAll)]
    public void V_marks_all_then_clears(string key)
    {
        var s = Press(Loaded(), key).State;
        Assert.Equal(s.Rows.Count, s.Marks.Count);
        Assert.Empty(Press(s, key).State.Marks);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.NextMatch)]
    public void N_in_the_list_jumps_to_the_next_match_in_the_session(string key) => MatchJumps(key, forward: true);

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PrevMatch)]
    public void Shift_N_in_the_list_jumps_back(string key) => MatchJumps(key, forward: false);

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.NextMatch)]
    public void N_in_messages_jumps_to_the_next_match(string key) => MatchJumps(key, forward: true, inDetail: true);

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.PrevMatch)]
    public void Shift_N_in_messages_jumps_back(string key) => MatchJumps(key, forward: false, inDetail: true);

    private static void MatchJumps(string key, bool forward, bool inDetail = false)
    {
        var s = Loaded();
        (s, _) = Press(s, "/", "p", "a", "r", "s", "e", "r", "Enter");
        var hit = new SearchHit(s.Sessions[s.Rows[0]], 3, "user", null, "how do I fix the parser?", [new TextRange(17, 6)], 1.0);
        (s, var effects) = Send(s, new SearchCompleted(s.Search.Generation, [hit]));
        Assert.Equal(3, Assert.IsType<LoadPreview>(Assert.Single(effects)).At);   // laid out around the hit
        s = Opened(s);
        Assert.Equal(3, s.Detail!.SelectedMessage);                       // opened at the hit
        (s, _) = Send(s, new MatchesFound(hit.Ref, "parser", [0, 3, 6, 9]));
        Assert.Equal(1, s.Detail!.MatchCursor);
        if (inDetail) (s, _) = Press(s, "Tab");
        var next = Press(s, key).State;
        Assert.Equal(forward ? 6 : 0, next.Detail!.SelectedMessage);
        Assert.Equal(forward ? 6 : 0, next.Detail.Top.Message);
        Assert.Contains("Match", next.Status!.Text);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.CycleSort)]
    public void S_cycles_the_sort(string key)
    {
        var s = Loaded();
        Assert.Equal(SortKey.Activity, s.Sort);
        var next = Press(s, key).State;
        Assert.Equal(SortKey.Created, next.Sort);
        next = Press(next, key, key).State;
        Assert.Equal(SortKey.Cost, next.Sort);
        Assert.Equal("d4e5f6a7", next.Sessions[next.Rows[0]].Id);   // the most expensive first
        Assert.Equal(SortKey.Title, Press(next, key).State.Sort);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.ReverseSort)]
    public void Shift_S_reverses(string key)
    {
        var s = Loaded();
        var first = s.Current!.Id;
        var next = Press(s, key).State;
        Assert.True(next.Reverse);
        Assert.Equal(first, next.Sessions[next.Rows[^1]].Id);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.CycleStatusFilter)]
    public void F_filters_by_status(string key)
    {
        var s = Press(Loaded(), key).State;
        Assert.Equal("active", s.StatusFilter);
        Assert.All(s.Rows, i => Assert.Contains(Badges.Of(s.Sessions[i]), new[] { "active", "live" }));
        s = Press(s, key, key, key, key, key, key).State;
        Assert.Equal("damaged", s.StatusFilter);
        Assert.Equal("e5f6a7b8", Assert.Single(s.Rows.Select(i => s.Sessions[i].Id)));
        Assert.Null(Press(s, key).State.StatusFilter);
    }

    [Fact]
    public void F_offers_only_the_statuses_the_rows_show_with_their_counts()
    {
        // An "active" session nobody writes shows as interrupted: "active" is not offered, "interrupted" is.
        var s = Loaded([Session("aaaa0001", "One", SessionStatus.Paused), Session("aaaa0002", "Two", SessionStatus.Paused),
                        Session("aaaa0003", "Three", SessionStatus.Completed)]);
        var first = Press(s, "f").State;
        Assert.Equal("paused", first.StatusFilter);
        Assert.Equal("Showing 2 paused sessions", first.Status!.Text);
        var second = Press(first, "f").State;
        Assert.Equal("completed", second.StatusFilter);
        Assert.Equal("Showing 1 completed session", second.Status!.Text);
        Assert.Null(Press(second, "f").State.StatusFilter);
    }

    [Fact]
    public void More_matches_than_shown_are_said_and_the_search_notice_goes_with_the_search()
    {
        var s = Press(Loaded(), "/", "x").State;
        var hits = s.Sessions.Select(x => new SearchHit(x, null, null, null, x.Title, [], 1.0)).ToList();
        s = Send(s, new SearchCompleted(s.Search.Generation, hits, "more than 2,000 messages match", More: true)).State;
        var bar = Render(s).Split('\n')[1];
        Assert.Contains($"the best {hits.Count} of more sessions that match", bar, StringComparison.Ordinal);
        Assert.Contains("more than 2,000 messages match", bar, StringComparison.Ordinal);
        var cleared = Press(s, "Escape").State;
        Assert.DoesNotContain("2,000", Render(cleared), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_row_of_a_mixed_list_says_its_source_even_a_long_one()
    {
        var s = Loaded(width: 80, height: 24);
        s = s with { Options = s.Options with { SourceLabel = "native, gemini" } };
        var list = string.Join('\n', Render(s).Split('\n').Skip(2).Take(12).Where((_, i) => i % 2 == 1));
        Assert.Equal(6, list.Split('\n').Count(l => l.Contains("[native]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Search_results_of_a_mixed_list_say_their_source_too()
    {
        var s = Loaded(width: 80, height: 24);
        s = s with { Options = s.Options with { SourceLabel = "native, gemini" } };
        s = Press(s, "/", "x").State;
        var hits = s.Sessions.Select(x => new SearchHit(x, 0, "user", null, "a long snippet " + new string('x', 200), [], 1.0)).ToList();
        s = Send(s, new SearchCompleted(s.Search.Generation, hits, null, More: false)).State;
        var snippets = Render(s).Split('\n').Skip(2).Take(12).Where((_, i) => i % 2 == 1).ToList();
        Assert.Equal(6, snippets.Count(l => l.Contains("[native] You #1 › a long snippet", StringComparison.Ordinal)));
    }

    private static string Render(AppState s)
    {
        var buffer = new SessionBrowser.Terminal.Rendering.Buffer(s.Width, s.Height);
        App.View(s, buffer);
        return buffer.ToText();
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PickTag)]
    public void T_picks_a_tag_from_a_list_with_counts(string key)
    {
        var s = Press(Loaded(), key).State;
        var p = Assert.IsType<PickerDialog>(s.Dialog);
        // Most used first, then by name; "every tag" clears the filter.
        Assert.Equal(["every tag · 6 sessions", "#backend · 2 sessions", "#auth · 1 session", "#frontend · 1 session"],
                     p.Items.Select(i => $"{i.Label} · {i.Detail}"));
        s = Press(s, "Down", "Enter").State;
        Assert.Null(s.Dialog);
        Assert.Equal("backend", s.TagFilter);
        Assert.Equal(2, s.Rows.Count);
        // Typing filters the choices; Enter applies the first that matches.
        s = Press(s, key, "f", "r", "o", "Enter").State;
        Assert.Equal("frontend", s.TagFilter);
        Assert.Equal(["b2c3d4e5"], s.Rows.Select(i => s.Sessions[i].Id));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PickWorkDir)]
    public void W_offers_the_shells_folder_and_this_sessions_work_dir(string key)
    {
        // The first row is the live session in /home/dev/other; the shell is in /home/dev/project.
        var s = Press(Loaded(), key).State;
        var p = Assert.IsType<PickerDialog>(s.Dialog);
        Assert.Equal(["/home/dev/project", "/home/dev/other", null], p.Items.Select(i => i.Value));
        Assert.Contains("the shell's folder · 5 sessions", p.Items[0].Detail, StringComparison.Ordinal);
        Assert.Contains("this session's work dir · 1 session", p.Items[1].Detail, StringComparison.Ordinal);
        var shell = Press(s, "Enter").State;
        Assert.Equal(new DirFilter("/home/dev/project", true), shell.Dir);
        Assert.DoesNotContain(shell.Rows, i => shell.Sessions[i].Id == "c3d4e5f6");
        var other = Press(s, "Down", "Enter").State;
        Assert.Equal(["c3d4e5f6"], other.Rows.Select(i => other.Sessions[i].Id));
        // With a folder filter on, w then Enter goes back to every work dir.
        Assert.Null(Press(shell, key, "Enter").State.Dir);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.PickProject)]
    public void P_lists_projects_with_counts_and_last_activity_and_enter_filters_to_one(string key)
    {
        var s = Press(Loaded(), key).State;
        var p = Assert.IsType<PickerDialog>(s.Dialog);
        Assert.Equal("Projects (2)", p.Title);
        // Newest activity first: the live session's folder was active 30 seconds ago.
        Assert.Equal(["every project · 6 sessions", "/home/dev/other · 1 session · 30 seconds ago", "/home/dev/project · 5 sessions · 5 minutes ago"],
                     p.Items.Select(i => $"{i.Label} · {i.Detail}"));
        s = Press(s, "Down", "Down", "Enter").State;
        Assert.Equal(new DirFilter("/home/dev/project", false), s.Dir);
        Assert.Equal(5, s.Rows.Count);
        Assert.Contains("project: /home/dev/project", ChromeView.Bar(s, s.Width).PlainText, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.MoveDown)]
    public void Picker_next_choice(string key) => Assert.Equal(1, ((PickerDialog)Press(Loaded(), "P", key).State.Dialog!).Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.MoveUp)]
    public void Picker_previous_choice(string key) => Assert.Equal(0, ((PickerDialog)Press(Loaded(), "P", "Down", key).State.Dialog!).Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.PageDown)]
    public void Picker_page_down_stops_at_the_last(string key) => Assert.Equal(2, ((PickerDialog)Press(Loaded(), "P", key).State.Dialog!).Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.PageUp)]
    public void Picker_page_up_stops_at_the_first(string key) => Assert.Equal(0, ((PickerDialog)Press(Loaded(), "P", "Down", key).State.Dialog!).Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.Confirm)]
    public void Picker_enter_applies(string key) => Assert.Equal("auth", Press(Loaded(), "T", "a", "u", key).State.TagFilter);

    [Theory, MemberData(nameof(Keys), KeyContext.Picker, Command.Cancel)]
    public void Picker_esc_closes_and_keeps_the_list(string key)
    {
        var s = Press(Loaded(), "T", "Down", key).State;
        Assert.Null(s.Dialog);
        Assert.Null(s.TagFilter);
        Assert.Null(s.Outcome);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.List, Command.ClearFilters)]
    public void Esc_clears_search_then_marks_then_filters_and_never_quits(string key)
    {
        var s = Press(Loaded(), "/", "x", "Enter", "f").State;
        s = Send(s, new SearchCompleted(s.Search.Generation, [])).State;
        s = Press(s, key).State;
        Assert.Equal("", s.Search.Query);
        s = Press(s, "Space").State;
        s = Press(s, key).State;
        Assert.Empty(s.Marks);
        s = Press(s, key).State;
        Assert.Null(s.StatusFilter);
        s = Press(s, key, key, key).State;
        Assert.Null(s.Outcome);
        Assert.Equal("Nothing to clear; q quits", s.Status!.Text);
        // Pick mode keeps fzf's Esc: cancel.
        Assert.IsType<CancelOutcome>(Press(Loaded(pick: true), key).State.Outcome);
    }

    // ---- Messages ----

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.MoveDown)]
    public void Messages_scroll_down_a_line(string key)
    {
        var s = InDetail(DetailTab.Messages);
        Assert.Equal(new MessagePosition(0, 1), Press(s, key).State.Detail!.Top);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.MoveUp)]
    public void Messages_scroll_up_a_line(string key)
    {
        var s = Press(InDetail(DetailTab.Messages), "j", "j").State;
        Assert.Equal(new MessagePosition(0, 1), Press(s, key).State.Detail!.Top);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.PageDown)]
    public void Messages_page_down_crosses_messages(string key)
    {
        var next = Press(InDetail(DetailTab.Messages), key).State;
        Assert.True(next.Detail!.Top.Message > 0);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.PageUp)]
    public void Messages_page_up_returns(string key)
    {
        var s = Press(InDetail(DetailTab.Messages), "PageDown").State;
        Assert.Equal(default, Press(s, key).State.Detail!.Top);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.HalfPageDown)]
    public void Messages_half_page_down(string key)
    {
        var s = InDetail(DetailTab.Messages);
        var half = ScreenLayout.Of(120, 40).DetailBody.Height / 2;
        var expected = DetailScroll.ScrollBy(s.Detail!, default, half, ScreenLayout.Of(120, 40).DetailBody.Height);
        Assert.Equal(expected, Press(s, key).State.Detail!.Top);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.HalfPageUp)]
    public void Messages_half_page_up(string key)
    {
        var s = Press(InDetail(DetailTab.Messages), "Ctrl+D").State;
        Assert.Equal(default, Press(s, key).State.Detail!.Top);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.First)]
    public void Messages_first(string key)
    {
        var s = Press(InDetail(DetailTab.Messages), "G").State;
        var next = Press(s, key).State.Detail!;
        Assert.Equal(default, next.Top);
        Assert.Equal(0, next.SelectedMessage);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.Last)]
    public void Messages_last_goes_to_the_end_and_follows(string key)
    {
        var d = Press(InDetail(DetailTab.Messages), key).State.Detail!;
        Assert.Equal(29, d.SelectedMessage);
        Assert.True(d.Follow);
        Assert.True(d.Top.Message > 20);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.NextMessage)]
    public void Next_message(string key) =>
        Assert.Equal(1, Press(InDetail(DetailTab.Messages), key).State.Detail!.SelectedMessage);

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.PrevMessage)]
    public void Previous_message(string key) =>
        Assert.Equal(1, Press(InDetail(DetailTab.Messages), "J", "J", key).State.Detail!.SelectedMessage);

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.ToggleCollapse)]
    public void Z_expands_a_collapsed_tool_message(string key)
    {
        var s = Press(InDetail(DetailTab.Messages), "J", "J").State;   // message 2 is tool output
        var d = s.Detail!;
        Assert.True(MessageLayout.IsCollapsed(d, 2));
        var expanded = Press(s, key).State.Detail!;
        Assert.False(MessageLayout.IsCollapsed(expanded, 2));
        Assert.True(MessageLayout.LineCount(expanded, 2) > MessageLayout.LineCount(d, 2));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.ToggleCollapseAll)]
    public void Shift_Z_expands_everything(string key)
    {
        var d = Press(InDetail(DetailTab.Messages), key).State.Detail!;
        Assert.True(d.ExpandAll);
        Assert.False(MessageLayout.IsCollapsed(d, 2));
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.OpenPager)]
    public void O_opens_the_message_in_the_pager(string key)
    {
        var (_, effects) = Press(InDetail(DetailTab.Messages), "J", key);
        var pager = Assert.IsType<OpenPager>(Assert.Single(effects));
        Assert.Contains("Answer 1", pager.Text);
        Assert.Contains("message #2", pager.Title);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Messages, Command.FocusList)]
    public void Messages_back_to_the_list(string key) =>
        Assert.Equal(Focus.List, Press(InDetail(DetailTab.Messages), key).State.Focus);

    // ---- Timeline ----

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.MoveDown)]
    public void Timeline_next_snapshot(string key)
    {
        var s = Press(InDetail(DetailTab.Timeline), "g").State;
        var (next, effects) = Press(s, key);
        Assert.Equal(1, next.Timeline!.Selected);
        Assert.Equal([new LoadSnapshot(s.Current!.Ref, 10)], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.MoveUp)]
    public void Timeline_previous_snapshot(string key)
    {
        var (next, effects) = Press(InDetail(DetailTab.Timeline), key);
        Assert.Equal(1, next.Timeline!.Selected);
        Assert.Equal([new LoadSnapshot(next.Current!.Ref, 10)], effects);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.PageDown)]
    public void Timeline_state_pages_down(string key) =>
        Assert.True(Press(InDetail(DetailTab.Timeline), key).State.Timeline!.StateTop > 0);

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.PageUp)]
    public void Timeline_state_pages_up(string key) =>
        Assert.Equal(0, Press(InDetail(DetailTab.Timeline), "PageDown", key).State.Timeline!.StateTop);

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.First)]
    public void Timeline_first(string key) => Assert.Equal(0, Press(InDetail(DetailTab.Timeline), key).State.Timeline!.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.Last)]
    public void Timeline_last(string key) => Assert.Equal(2, Press(InDetail(DetailTab.Timeline), "g", key).State.Timeline!.Selected);

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.RestoreSnapshot)]
    public void Shift_R_restores_through_the_confirmation(string key)
    {
        var s = Press(InDetail(DetailTab.Timeline), "k").State;
        var (planned, effects) = Press(s, key);
        Assert.Equal([new PlanRestore(s.Current!.Ref, 10)], effects);
        var plan = BrowserFixture.Plan(s.Current!.Id, step: 10, kept: 18, cut: 12);
        (planned, _) = Send(planned, new RestorePlanned(s.Current!.Ref, s.Current!.Title, plan));
        var dialog = Assert.IsType<ConfirmDialog>(planned.Dialog);
        Assert.Contains(dialog.Body, l => l.Contains("Cuts 12 message(s)"));
        Assert.Contains(dialog.Body, l => l.Contains("keeps the 18"));
        Assert.Contains(dialog.Body, l => l.Contains("step 15, 20"));
        Assert.Contains(dialog.Body, l => l.Contains(plan.BackupFolder));
        var (_, confirmed) = Press(planned, "Left", "Enter");
        Assert.Equal([new RestoreSnapshot(s.Current!.Ref, plan)], confirmed);
    }

    [Theory, MemberData(nameof(Keys), KeyContext.Timeline, Command.FocusList)]
    public void Timeline_back_to_the_list(string key) =>
        Assert.Equal(Focus.List, Press(InDetail(DetailTab.Timeline), key).State.Focus);

    // ---- Info ----

    [Theory, MemberData(nameof(Keys), KeyContext.Info, Command.MoveDown)]
    public void Info_scrolls_down(string key) => Assert.Equal(1, Press(InDetail(DetailTab.Info), key).State.InfoTop);

    [Theory, MemberData(nameof(Keys), KeyContext.Info, Command.MoveUp)]
    public void Info_scrolls_up(string key) => Assert.Equal(0, Press(InDetail(DetailTab.Info), "j", key).State.InfoTop);

    [Theory, MemberData(nameof(Keys), KeyContext.Info, Command.FocusList)]
    public void Info_back_to_the_list(string key) =>
        Assert.Equal(Focus.List, Press(InDetail(DetailTab.Info), key).State.Focus);

    /// <summary>Every binding in the help overlay has a test above (by its context and command).</summary>
    [Fact]
    public void Every_binding_is_covered_by_a_test()
    {
        var tested = typeof(UpdateKeyTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(MemberDataAttribute), false).Cast<MemberDataAttribute>())
            .Select(a => ((KeyContext)a.Parameters[0]!, (Command)a.Parameters[1]!))
            .ToHashSet();
        var untested = KeyMap.Bindings.Where(b => !tested.Contains((b.Context, b.Command))
                && !(b.Context == KeyContext.Global && b.Command is Command.ShowMessages or Command.ShowTimeline or Command.ShowInfo))
            .Select(b => $"{b.Context}/{b.Command}").ToList();
        Assert.Empty(untested);
    }

    private sealed class EffectComparer : IEqualityComparer<Effect>
    {
        public bool Equals(Effect? x, Effect? y) => x switch
        {
            RestoreFromTrash a when y is RestoreFromTrash b => a.Trashed.SequenceEqual(b.Trashed),
            PlanDelete a when y is PlanDelete b => a.Refs.SequenceEqual(b.Refs),
            ExportSessions a when y is ExportSessions b => a.Refs.SequenceEqual(b.Refs) && a with { Refs = b.Refs } == b,
            _ => Equals(x, y),
        };
        public int GetHashCode(Effect obj) => obj.GetType().GetHashCode();
    }
}
