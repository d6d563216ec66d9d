#!/usr/bin/env python3
"""Runs a full-screen program in a pseudo-terminal, drives it with keys, and times what it shows.

Used by the benchmark (BrowserProcessScenarios.cs): the browser draws on /dev/tty and refuses to
start without one, so it runs here as the session leader of a new pty (its controlling terminal),
COLS x ROWS. What it writes is played onto a small screen model (the sequences the program's
renderer uses: cursor moves, erase, SGR and OSC ignored), and each "wait" step waits for a frame
(ESC[?2026h ... ESC[?2026l) after which the screen matches a regular expression.

usage: pty_run.py SPEC.json   where SPEC is
  {"command": [...], "env": {...}, "cols": 120, "rows": 40, "timeout": 60 (seconds in all),
   "steps": [...], "screen": false (true: the last screen in the result),
   "trace": false (true: each frame's time and first and last line on stderr)}
and a step is one of
  {"wait": REGEX, "mark": NAME}   wait for a frame after which the screen matches; the time of
                                  that frame (seconds from the spawn) goes into marks[NAME]
  {"gone": REGEX}                 wait for a frame after which it no longer matches
      either may have "timeout": S, "optional": true (go on when it does not come) and
      "then": [steps] (run only when it came)
  {"send": TEXT, "mark": NAME}    keys, as the bytes a terminal sends (mark: when they were sent)
  {"frame": true, "timeout": S}   wait for the next frame, at most S seconds (1)
  {"quiet": S}                    wait until no frame has come for S seconds
  {"repeat": N, "steps": [...]}   and {"sleep": S}
After the steps the program gets "q" until it exits (a dialog may take the first), then SIGTERM.
Prints one JSON object: marks, exit (seconds), status (exit code, negative: the signal),
peak_kib (the child's ru_maxrss), cpu (user + system seconds), frames, error (null, or what went
wrong, with the screen as it was).
"""
import codecs
import fcntl
import json
import os
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata

SYNC_END = b"\x1b[?2026l"


class Screen:
    """Just enough of a terminal for the renderer's output: text, CUP/CUF/CUB, CR/LF, ED/EL."""

    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.pending = ""          # an escape sequence cut by the end of a read
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data):
        text = self.pending + self.decoder.decode(data)
        self.pending = ""
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == "\x1b":
                end = self._sequence_end(text, i)
                if end is None:
                    self.pending = text[i:]
                    return
                self._escape(text[i:end])
                i = end
                continue
            if c == "\r":
                self.x = 0
            elif c == "\n":
                self.y = min(self.y + 1, self.rows - 1)
            elif c == "\b":
                self.x = max(0, self.x - 1)
            elif ord(c) >= 0x20:
                self._put(c)
            i += 1

    @staticmethod
    def _sequence_end(text, i):
        if i + 1 >= len(text):
            return None
        kind = text[i + 1]
        if kind == "[":                       # CSI: parameters, then a final byte
            j = i + 2
            while j < len(text) and not ("@" <= text[j] <= "~"):
                j += 1
            return j + 1 if j < len(text) else None
        if kind == "]":                       # OSC: up to BEL or ST
            for j in range(i + 2, len(text)):
                if text[j] == "\a":
                    return j + 1
                if text[j] == "\x1b" and j + 1 < len(text) and text[j + 1] == "\\":
                    return j + 2
            return None
        return i + 2

    def _escape(self, seq):
        if not seq.startswith("\x1b[") or seq[2:3] == "?":
            return
        final, params = seq[-1], seq[2:-1]
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        if final == "H":
            self.y = min(max((numbers[0] if len(numbers) > 0 and numbers[0] else 1) - 1, 0), self.rows - 1)
            self.x = min(max((numbers[1] if len(numbers) > 1 and numbers[1] else 1) - 1, 0), self.cols - 1)
        elif final == "C":
            self.x = min(self.x + (first or 1), self.cols - 1)
        elif final == "D":
            self.x = max(self.x - (first or 1), 0)
        elif final == "J" and first == 2:
            self.cells = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            start, stop = (self.x, self.cols) if first == 0 else (0, self.x + 1) if first == 1 else (0, self.cols)
            for k in range(start, stop):
                self.cells[self.y][k] = " "

    def _put(self, c):
        if unicodedata.combining(c) or c in "\u200d\ufe0f\ufe0e" or (self.x > 0 and self._joined()):
            if self.x > 0:                    # part of the cluster just written
                self.cells[self.y][self.x - 1] += c
                return
        if self.x >= self.cols:
            return
        self.cells[self.y][self.x] = c
        wide = unicodedata.east_asian_width(c) in "WF"
        if wide and self.x + 1 < self.cols:
            self.cells[self.y][self.x + 1] = ""
        self.x += 2 if wide else 1

    def _joined(self):
        previous = self.cells[self.y][self.x - 1] or (self.cells[self.y][self.x - 2] if self.x > 1 else "")
        return previous.endswith("\u200d")

    def text(self):
        return "\n".join("".join(row).rstrip() for row in self.cells)


class Child:
    """The program on the pty: its output played onto a Screen, frames counted, exit reaped."""

    def __init__(self, command, env, cols, rows, trace):
        self.start = time.monotonic()
        self.pid, self.master = os.forkpty()
        if self.pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(command[0], command, env)
            finally:
                os._exit(127)
        self.screen = Screen(cols, rows)
        self.tail = bytearray()
        self.frames = 0
        self.status = self.rusage = None
        self.trace = trace

    def elapsed(self):
        return time.monotonic() - self.start

    def send(self, text):
        os.write(self.master, text.encode("utf-8"))

    def read(self, until):
        """Reads output until a frame ends (True) or `until` (monotonic) passes or the program exits."""
        while self.status is None:
            left = until - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if not ready:
                self._reap(os.WNOHANG)
                continue
            try:
                data = os.read(self.master, 65536)
            except OSError:                   # EIO: the program closed the terminal
                data = b""
            if not data:
                self._reap(0)
                return False
            self.screen.feed(data)
            self.tail.extend(data)
            count = self.tail.count(SYNC_END)
            if count:
                self.frames += count
                del self.tail[: self.tail.rfind(SYNC_END) + len(SYNC_END)]
                if self.trace:
                    lines = self.screen.text().split("\n")
                    print(f"{self.elapsed():7.3f} frame {self.frames}: {lines[0][:70]!r} | {lines[-1][:50]!r}", file=sys.stderr)
                return True
            del self.tail[: -len(SYNC_END)]
        return False

    def _reap(self, flags):
        pid, status, rusage = os.wait4(self.pid, flags)
        if pid == self.pid:
            self.status, self.rusage = status, rusage

    def wait_for(self, pattern, present, until):
        """Waits for a frame after which the screen matches (or, present=False, no longer matches)."""
        def done():
            return self.frames > 0 and bool(pattern.search(self.screen.text())) == present
        if done():
            return True
        while self.status is None and time.monotonic() < until:
            if self.read(until) and done():
                return True
        return False

    def quit(self):
        """q until the program exits (a dialog may take the first), then SIGTERM, then SIGKILL."""
        for action, wait in (("q", 2.0), ("q", 2.0), ("q", 4.0), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            if self.status is not None:
                break
            if action == "q":
                self.send("q")
            else:
                os.kill(self.pid, action)
            until = time.monotonic() + wait
            while self.status is None and time.monotonic() < until:
                self.read(until)
        if self.status is None:
            self._reap(0)
        os.close(self.master)


class StepFailed(Exception):
    pass


def run_steps(child, steps, deadline, marks):
    for step in steps:
        if child.status is not None:
            raise StepFailed(f"the program exited (status {os.waitstatus_to_exitcode(child.status)})")
        if "wait" in step or "gone" in step:
            present = "wait" in step
            text = step["wait"] if present else step["gone"]
            until = min(deadline, time.monotonic() + step["timeout"]) if "timeout" in step else deadline
            if child.wait_for(re.compile(text), present, until):
                if "mark" in step:
                    marks[step["mark"]] = child.elapsed()
                run_steps(child, step.get("then", []), deadline, marks)
            elif not step.get("optional") or child.status is not None or time.monotonic() >= deadline:
                what = "the program exited" if child.status is not None else "timed out"
                raise StepFailed(f"{what} waiting for the screen {'to show' if present else 'to lose'} /{text}/")
        elif "send" in step:
            child.send(step["send"])
            if "mark" in step:
                marks[step["mark"]] = child.elapsed()
        elif "frame" in step:                 # the next frame, if one comes within the timeout
            child.read(min(deadline, time.monotonic() + step.get("timeout", 1.0)))
        elif "repeat" in step:
            for _ in range(step["repeat"]):
                run_steps(child, step["steps"], deadline, marks)
        elif "quiet" in step:                 # until no frame has come for that long
            while child.status is None and time.monotonic() < deadline:
                if not child.read(min(deadline, time.monotonic() + step["quiet"])):
                    break
        elif "sleep" in step:
            until = time.monotonic() + step["sleep"]
            while child.status is None and time.monotonic() < until:
                child.read(until)
        else:
            raise ValueError(f"unknown step {step}")


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    cols, rows = spec.get("cols", 120), spec.get("rows", 40)
    env = dict(os.environ)
    env.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)})
    env.update(spec.get("env", {}))

    child = Child(spec["command"], env, cols, rows, spec.get("trace", False))
    marks = {}
    error = None
    try:
        run_steps(child, spec.get("steps", []), child.start + spec.get("timeout", 60), marks)
    except StepFailed as failed:
        error = f"{failed} after {child.elapsed():.2f} s; the screen was:\n{child.screen.text()}"
    screen = child.screen.text()
    child.quit()
    result = {
        "marks": marks,
        "exit": child.elapsed(),
        "status": os.waitstatus_to_exitcode(child.status),
        "peak_kib": child.rusage.ru_maxrss,
        "cpu": child.rusage.ru_utime + child.rusage.ru_stime,
        "frames": child.frames,
        "error": error,
    }
    if spec.get("screen"):
        result["screen"] = screen
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
