#!/usr/bin/env bash
# Builds SessionBrowser (only when a source file is newer than the last build), then runs it
# with every argument given. Works from any folder. Build output stays inside the repository.
# The build is a framework-dependent publish for this machine, precompiled (ReadyToRun, set in
# SessionBrowser.csproj), so each command starts without most of the JIT's work.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$repo/.artifacts/run"
program="$out/sessionbrowser.dll"
stamp="$out/.built"

sources_changed() {
    [[ ! -f "$program" || ! -f "$stamp" ]] && return 0
    local newer
    newer="$(find "$repo/src" "$repo/assets" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null)"
    [[ -n "$newer" ]]
}

if sources_changed; then
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "error: the .NET SDK (dotnet, version 10) is needed to build SessionBrowser: https://dot.net" >&2
        exit 1
    fi
    echo "Building SessionBrowser (first run or sources changed)..." >&2
    mkdir -p "$out"
    # The stamp's time is taken before the build so an edit made during the build still counts as newer.
    started="$out/.building.$$"
    touch "$started"
    if ! log="$(dotnet publish "$repo/src/SessionBrowser/SessionBrowser.csproj" -c Release \
            --use-current-runtime --self-contained false -o "$out" --nologo -v quiet 2>&1)"; then
        rm -f "$started"
        echo "$log" >&2
        echo "error: the build failed (output above)" >&2
        exit 1
    fi
    mv -f "$started" "$stamp"
fi

# Commands suggest follow-ups ("Undo: ./run.sh trash restore ...") in the form the user typed.
export SESSION_BROWSER_PROGRAM="$0"
exec dotnet "$program" "$@"
