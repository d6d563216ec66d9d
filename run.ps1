# Builds SessionBrowser (only when a source file is newer than the last build), then runs it
# with every argument given. Works from any folder. Build output stays inside the repository.
# The build is a framework-dependent publish for this machine, precompiled (ReadyToRun, set in
# SessionBrowser.csproj), so each command starts without most of the JIT's work.
$ErrorActionPreference = 'Stop'

$repo = $PSScriptRoot
$out = Join-Path $repo '.artifacts/run'
$program = Join-Path $out 'sessionbrowser.dll'
$stamp = Join-Path $out '.built'

function Test-SourcesChanged {
    if (-not (Test-Path $program) -or -not (Test-Path $stamp)) { return $true }
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $inputs = @(
        Get-ChildItem -Recurse -File (Join-Path $repo 'src'), (Join-Path $repo 'assets') |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        Get-Item (Join-Path $repo 'Directory.Build.props'), (Join-Path $repo 'Directory.Packages.props')
    )
    return [bool]($inputs | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-SourcesChanged) {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine('error: the .NET SDK (dotnet, version 10) is needed to build SessionBrowser: https://dot.net')
        exit 1
    }
    [Console]::Error.WriteLine('Building SessionBrowser (first run or sources changed)...')
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    # The stamp's time is taken before the build so an edit made during the build still counts as newer.
    $started = (Get-Date).ToUniversalTime()
    $log = & dotnet publish (Join-Path $repo 'src/SessionBrowser/SessionBrowser.csproj') -c Release `
        --use-current-runtime --self-contained false -o $out --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) {
        $log | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('error: the build failed (output above)')
        exit 1
    }
    Set-Content -Path $stamp -Value ''
    (Get-Item $stamp).LastWriteTimeUtc = $started
}

# Commands suggest follow-ups ("Undo: ./run.ps1 trash restore ...") in the form the user typed.
$env:SESSION_BROWSER_PROGRAM = $MyInvocation.InvocationName
& dotnet $program @args
exit $LASTEXITCODE
