using System.Text;

namespace SessionBrowser.Core.Tests.Support;

/// <summary>Small writers for hand-built fixture files.</summary>
public static class Fixture
{
    public static void Write(string path, string content)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
    }

    public static string Read(string path) => Encoding.UTF8.GetString(File.ReadAllBytes(path));
}
