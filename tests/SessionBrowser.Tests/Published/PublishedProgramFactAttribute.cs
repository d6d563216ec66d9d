namespace SessionBrowser.Tests.Published;

/// <summary>
/// A test of the published (Native AOT) program named by <c>SESSIONBROWSER_PUBLISHED</c>; skipped
/// without it. CI publishes with <c>./run.sh</c> and sets it, so the program users run is checked
/// there; a plain <c>dotnet test</c> does not wait minutes for the native compiler.
/// </summary>
public sealed class PublishedProgramFactAttribute : FactAttribute
{
    public const string Variable = "SESSIONBROWSER_PUBLISHED";

    public PublishedProgramFactAttribute()
    {
        if (Program is null) Skip = $"{Variable} is not set to the published program (CI sets it after ./run.sh builds it)";
    }

    public static string? Program =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path && File.Exists(path) ? Path.GetFullPath(path) : null;
}
