using System.Text.RegularExpressions;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Tests.BrowserEndToEnd;

/// <summary>The real program in a real terminal (tmux 120x40) on a store the test builds.</summary>
public sealed class BrowserEndToEndTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    private static void Quit(TmuxSession tmux)
    {
        tmux.SendKeys("q");
        Assert.Equal(0, tmux.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.False(tmux.AlternateScreen, "still on the alternate screen after quit");
        Assert.True(tmux.CursorVisible, "cursor left hidden after quit");
    }

    /// <summary>Waits for the list and the (non-modal) note about the interrupted session.</summary>
    private static void SkipRecovery(TmuxSession tmux) =>
        tmux.WaitUntil(s => s.Contains("press R to review") && s.Contains("Delete me two"), "the list and the interrupted-session note", Start);

    [TmuxFact]
    public void Interrupted_session_prompt_opens_on_R_and_marks_it_crashed_with_its_button()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        tmux.WaitForText("1 interrupted session: press R to review", Start);
        tmux.SendKeys("R");
        var screen = tmux.WaitForText("Interrupted session", Start);
        Assert.Contains("Interrupted data pipeline", screen);
        Assert.Contains("Last writer", screen);
        Assert.DoesNotContain("no longer holds it", screen);
        tmux.SendKeys("m");                       // letters do nothing: a button and Enter act
        tmux.SendKeys("Right", "Enter");
        tmux.WaitForText($"Marked {store.Interrupted} as crashed");
        Assert.Equal(SessionStatus.Crashed, store.Status(store.Interrupted));
        Quit(tmux);
    }

    /// <summary>Issue 15 #21: "All crashed…" lists the sessions, asks, then marks every one on disk; the banner goes.</summary>
    [TmuxFact]
    public void All_crashed_marks_every_interrupted_session_after_a_confirmation()
    {
        using var store = new E2eStore();
        var second = store.Add("Second interrupted run", SessionStatus.Active, "q", "a");
        using var tmux = store.Start();
        tmux.WaitForText("2 interrupted sessions: press R to review", Start);
        tmux.SendKeys("R");
        tmux.WaitForText("All crashed…", Start);
        tmux.SendKeys("Left", "Enter");
        var confirm = tmux.WaitForText("Mark 2 crashed?");
        Assert.Contains(store.Interrupted, confirm);
        Assert.Contains(second, confirm);
        Assert.Equal(SessionStatus.Active, store.Status(store.Interrupted));
        tmux.SendKeys("y");
        tmux.WaitForText("Marked 2 sessions as crashed", Start);
        Assert.Equal(SessionStatus.Crashed, store.Status(store.Interrupted));
        Assert.Equal(SessionStatus.Crashed, store.Status(second));
        tmux.WaitUntil(s => !s.Contains("press R to review"), "the banner to go once the list is read again", Start);
        Quit(tmux);
    }

    /// <summary>Issue 15 #18: e shows the format and the file under ~/Downloads before writing; an existing file is kept unless the user says replace; errors stay in the browser.</summary>
    [TmuxFact]
    public void Export_shows_a_dialog_writes_a_transcript_and_never_replaces_a_file_without_asking()
    {
        using var store = new E2eStore();
        var downloads = Directory.CreateDirectory(Path.Combine(store.Folder, "Downloads")).FullName;
        var existing = Path.Combine(downloads, "kept.md");
        File.WriteAllText(existing, "mine");
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("e");
        var dialog = tmux.WaitForText($"Export {store.DeleteTwo}");
        Assert.Contains($"> {downloads}/session-{store.DeleteTwo}-", dialog);
        Assert.Empty(Directory.GetFiles(downloads, "session-*"));       // nothing written before Enter
        tmux.SendKeys("Tab", "Enter");
        tmux.WaitForText($"Wrote the Markdown transcript of {store.DeleteTwo}", Start);
        var written = Assert.Single(Directory.GetFiles(downloads, "session-*.md"));
        Assert.StartsWith("# Delete me two", File.ReadAllText(written));

        // The same name again: asked, Cancel goes back to the dialog, the file stays as it was.
        tmux.SendKeys("e", "Tab", "C-u");
        tmux.SendText(existing);
        tmux.SendKeys("Enter");
        tmux.WaitForText("Replace the file?", Start);
        tmux.SendKeys("Enter");
        tmux.WaitForText($"Export {store.DeleteTwo}");
        Assert.Equal("mine", File.ReadAllText(existing));
        tmux.SendKeys("Enter");
        tmux.WaitForText("Replace the file?", Start);
        tmux.SendKeys("y");
        tmux.WaitForText($"Wrote the Markdown transcript of {store.DeleteTwo}", Start);
        Assert.StartsWith("# Delete me two", File.ReadAllText(existing));

        // A folder that does not exist: said in the browser, which stays.
        tmux.SendKeys("e", "C-u");
        tmux.SendText(Path.Combine(store.Folder, "no-such-folder", "x.zip"));
        tmux.SendKeys("Enter");
        tmux.WaitForText("does not exist", Start);
        Assert.False(tmux.Exited);
        Quit(tmux);
    }

    /// <summary>Issue 15 #1: keys typed while the first indexing runs never reach a recovery prompt.</summary>
    [TmuxFact]
    public void Typing_during_start_up_on_a_first_run_store_never_triggers_an_action()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        tmux.SendKeys("/");
        tmux.SendText("work memo");
        var screen = tmux.WaitForText("press R to review", Start);
        Assert.Contains("/ work memo", screen);
        Assert.DoesNotContain("Don't ask again", screen);
        Assert.False(tmux.Exited, "the browser left while the user was typing");
        Assert.Equal(SessionStatus.Active, store.Status(store.Interrupted));
        tmux.SendKeys("Escape");
        tmux.WaitUntil(s => !s.Contains("work memo"), "the search to clear");
        Quit(tmux);
    }

    /// <summary>Issue 15 #9: a live session whose writer exits turns interrupted in the running browser.</summary>
    [TmuxFact]
    public void A_live_session_turns_interrupted_when_its_writer_exits()
    {
        using var store = new E2eStore();
        var writer = SessionBrowser.Core.Storage.FileLock.Acquire(store.Store.LockPath(store.Interrupted));
        using var tmux = store.Start();
        tmux.WaitUntil(s => s.Contains("Delete me two") && Regex.IsMatch(s, @"live · \d+ msgs"), "the session shown live", Start);
        writer.Dispose();
        var screen = tmux.WaitForText("“Interrupted data pipeline” is no longer live: interrupted", Start);
        Assert.Matches(@"interrupted · \d+ msgs", screen);
        Assert.DoesNotMatch(@"live · \d+ msgs", screen);
        Quit(tmux);
    }

    /// <summary>Issue 15 #19: inside tmux, y puts the id in tmux's buffer (OSC 52 may be dropped) and says so.</summary>
    [TmuxFact]
    public void Y_inside_tmux_loads_the_id_into_the_tmux_buffer_and_says_so()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("y");
        tmux.WaitForText($"Copied {store.DeleteTwo} to the tmux buffer", Start);
        Assert.Equal(store.DeleteTwo, tmux.ShowBuffer().TrimEnd('\n'));
        Quit(tmux);
    }

    /// <summary>Issue 15 #17: Esc clears what there is to clear and never quits; q does.</summary>
    [TmuxFact]
    public void Esc_never_quits()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("Escape", "Escape", "Escape");
        tmux.WaitForText("Nothing to clear; q quits");
        Assert.False(tmux.Exited);
        Quit(tmux);
    }

    [TmuxFact]
    public void A_resume_that_cannot_run_is_reported_and_the_browser_stays_open()
    {
        using var store = new E2eStore();
        using var tmux = store.StartShell($"SESSION_BROWSER_RESUME='no-such-agent-6b1f --session {{id}}' $SB --store '{store.Root}'");
        SkipRecovery(tmux);
        tmux.SendKeys("Enter");
        tmux.WaitForText("no-such-agent-6b1f is not installed");
        Assert.False(tmux.Exited);
        Assert.True(tmux.AlternateScreen, "the browser left the screen");
        Quit(tmux);
    }

    [TmuxFact]
    public void Emoji_with_vs16_leave_no_stray_characters_after_scrolling_and_searching()
    {
        using var store = new E2eStore();
        store.Add("Files 🗂️ moved ✔️ and ⚠️ warned", SessionStatus.Paused, "move the files 🗂️ please", "done ✔️ but ⚠️ careful 👩‍💻");
        using var tmux = store.Start();
        SkipRecovery(tmux);
        // Scrolling rewrites parts of rows that hold the emoji (the selection, the preview beside them).
        tmux.SendKeys("j", "j", "k", "k", "j", "k");
        tmux.SendKeys("/");
        tmux.SendText("warned");
        tmux.WaitUntil(s => s.Contains("1 session match") && s.Contains("careful"), "the search hit and its preview");
        var incremental = tmux.Capture();
        // Ctrl+L from the search box: a full redraw, drawn from scratch. What the incremental frames
        // left on screen must be exactly that, but for the status line that says it was redrawn.
        tmux.SendKeys("C-l");
        var full = tmux.WaitForText("Screen redrawn");
        // The sessions are seconds old: their ages may tick between the two captures.
        static string[] Rows(string screen) => Regex.Replace(screen, @" +(\S+ )?(second|minute)s? ago", " <age>").Split('\n');
        var before = Rows(incremental);
        var after = Rows(full);
        Assert.Equal(before.Length, after.Length);
        for (int row = 0; row < before.Length; row++)
            if (!after[row].Contains("Screen redrawn", StringComparison.Ordinal))
                Assert.True(before[row] == after[row], $"row {row} differs from a full redraw:\n  incremental: {before[row]}\n  full:        {after[row]}");
        tmux.SendKeys("Escape");
        // Alone, so the q after it is not read as Alt+q.
        tmux.WaitUntil(s => !s.Contains("/ warned", StringComparison.Ordinal), "the search cleared");
        Quit(tmux);
    }

    [TmuxFact]
    public void Search_finds_a_word_inside_a_message_and_highlights_it_when_opened()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("/");
        tmux.SendText("zanzibar");
        var screen = tmux.WaitForText("1 session match");
        Assert.Contains("Notes about the island", screen);
        Assert.Matches(@"Assistant #2 › .*zanzibar", screen);   // the snippet
        tmux.SendKeys("Enter", "Tab");
        screen = tmux.WaitForText("We could fly to zanzibar in June.");
        // The match carries the highlight (yellow background; bright for the current match) in the opened message.
        var styled = tmux.CaptureStyled();
        // The opened message is the right-hand (last) occurrence on its row.
        var line = styled.Split('\n').Last(l => l.Contains("fly to") && l.Contains("zanzibar"));
        Assert.Matches(new Regex(@"(43|103)(;[0-9]+)*m(\x1b\[[0-9;]*m)*zanzibar"), line[line.LastIndexOf("fly to", StringComparison.Ordinal)..]);
        Quit(tmux);
    }

    [TmuxFact]
    public void Deleting_two_marked_sessions_confirms_moves_them_to_the_trash_and_u_brings_them_back()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("Space", "Space", "d");
        var screen = tmux.WaitForText("Delete these 2 sessions?");
        Assert.Contains($"Delete me one  ({store.DeleteOne})", screen);
        Assert.Contains($"Delete me two  ({store.DeleteTwo})", screen);
        tmux.SendKeys("y");
        screen = tmux.WaitForText("Deleted 2 sessions to the trash");
        tmux.WaitUntil(s => !s.Contains("Delete me one") && !s.Contains("Delete me two"), "the deleted sessions to leave the list");
        Assert.False(Directory.Exists(Path.Combine(store.Root, store.DeleteOne)));
        var trash = new SessionTrash(store.Root).List();
        Assert.Equal(new[] { store.DeleteOne, store.DeleteTwo }.Order(), trash.Select(t => t.SessionId).Order());

        tmux.SendKeys("u");
        tmux.WaitForText("Restored 2 sessions from the trash");
        tmux.WaitUntil(s => s.Contains("Delete me one") && s.Contains("Delete me two"), "the sessions to come back");
        Assert.True(Directory.Exists(Path.Combine(store.Root, store.DeleteOne)));
        Assert.Empty(new SessionTrash(store.Root).List());
        Quit(tmux);
    }

    [TmuxFact]
    public void Restoring_a_snapshot_confirms_what_is_cut_and_can_be_undone()
    {
        using var store = new E2eStore();
        using var tmux = store.Start();
        SkipRecovery(tmux);
        tmux.SendKeys("/");
        tmux.SendText("restore target");
        tmux.WaitForText("1 session match");
        tmux.SendKeys("Enter", "2");
        tmux.WaitForText("step 1");
        tmux.SendKeys("R");
        var screen = tmux.WaitForText("Restore to step 1?");
        Assert.Contains("Cuts 2 message(s)", screen);
        Assert.Contains(".restore-", screen);
        tmux.SendKeys("y");
        tmux.WaitForText($"Restored {store.WithSnapshots} to step 1");
        Assert.Equal(2, store.MessageCount(store.WithSnapshots));
        tmux.SendKeys("u");
        tmux.WaitForText("Undid the restore");
        Assert.Equal(4, store.MessageCount(store.WithSnapshots));
        Quit(tmux);
    }

    [TmuxFact]
    public void Pick_prints_the_chosen_id_on_stdout()
    {
        using var store = new E2eStore();
        var output = Path.Combine(store.Folder, "picked.txt");
        using var tmux = store.StartShell($"$SB pick --store '{store.Root}' > '{output}'");
        tmux.WaitForText("Delete me two", Start);
        tmux.SendKeys("Enter");
        Assert.Equal(0, tmux.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(store.DeleteTwo, File.ReadAllText(output).Trim());
        Assert.False(tmux.AlternateScreen);
        Assert.True(tmux.CursorVisible);
    }

    [TmuxFact]
    public void Pick_cancelled_with_esc_prints_nothing_and_exits_1()
    {
        using var store = new E2eStore();
        var output = Path.Combine(store.Folder, "picked.txt");
        using var tmux = store.StartShell($"$SB pick --store '{store.Root}' > '{output}'");
        tmux.WaitForText("Delete me two", Start);
        tmux.SendKeys("Escape");
        Assert.Equal(1, tmux.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal("", File.ReadAllText(output));
        Assert.False(tmux.AlternateScreen);
    }
}
