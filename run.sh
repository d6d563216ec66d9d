#!/usr/bin/env bash
# Builds SessionBrowser (only when a source file is newer than the last build), then runs it
# with every argument given. Works from any folder. Build output stays inside the repository.
# The build is a Native AOT publish for this machine (PublishAot in SessionBrowser.csproj): one
# native program that starts without the .NET runtime's start-up or JIT. Native AOT needs a C
# toolchain (clang or gcc) to link; without one the build falls back to a framework-dependent
# ReadyToRun publish, which works everywhere the SDK does and starts about 150 ms slower.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$repo/.artifacts/run"
program="$out/sessionbrowser"
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
    # A failed build may leave half an output; start each one from an empty folder (stamp aside).
    find "$out" -mindepth 1 -maxdepth 1 ! -name "$(basename "$started")" -exec rm -rf {} +
    publish=(dotnet publish "$repo/src/SessionBrowser/SessionBrowser.csproj" -c Release --use-current-runtime
        -o "$out" --nologo -v quiet)
    aot_failed=""
    if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
        aot_failed="no C toolchain (clang or gcc) to link a Native AOT program"
    elif ! log="$("${publish[@]}" 2>&1)"; then
        aot_failed="the Native AOT build failed: $(grep -m1 -E "error" <<<"$log" || tail -n1 <<<"$log")"
    fi
    if [[ -n "$aot_failed" ]]; then
        echo "$aot_failed; building the ReadyToRun version instead (starts ~150 ms slower)." >&2
        if ! log="$("${publish[@]}" -p:PublishAot=false -p:PublishReadyToRun=true --self-contained false 2>&1)"; then
            rm -f "$started"
            echo "$log" >&2
            echo "error: the build failed (output above)" >&2
            exit 1
        fi
    fi
    mv -f "$started" "$stamp"
fi

# Commands suggest follow-ups ("Undo: ./run.sh trash restore ...") in the form the user typed.
export SESSION_BROWSER_PROGRAM="$0"
exec "$program" "$@"
