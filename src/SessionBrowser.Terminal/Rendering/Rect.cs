namespace SessionBrowser.Terminal.Rendering;

/// <summary>A rectangle of cells. Width and height are never negative.</summary>
public readonly record struct Rect
{
    public int X { get; }
    public int Y { get; }
    public int Width { get; }
    public int Height { get; }

    public Rect(int x, int y, int width, int height)
    {
        X = x; Y = y; Width = Math.Max(0, width); Height = Math.Max(0, height);
    }

    public int Right => X + Width;
    public int Bottom => Y + Height;
    public bool IsEmpty => Width == 0 || Height == 0;
    public int Area => Width * Height;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    public Rect Intersect(Rect other)
    {
        int x = Math.Max(X, other.X), y = Math.Max(Y, other.Y);
        return new Rect(x, y, Math.Min(Right, other.Right) - x, Math.Min(Bottom, other.Bottom) - y);
    }

    /// <summary>Shrinks by the given margins on each side.</summary>
    public Rect Inset(int left, int top, int right, int bottom) =>
        new(X + left, Y + top, Width - left - right, Height - top - bottom);

    public Rect Inset(int all) => Inset(all, all, all, all);

    public Rect Row(int offset) => new(X, Y + offset, Width, offset >= 0 && offset < Height ? 1 : 0);
}
