namespace SessionBrowser.Browser;

public enum StatusKind { Info, Success, Error }

public sealed record StatusLine(string Text, StatusKind Kind = StatusKind.Info);
