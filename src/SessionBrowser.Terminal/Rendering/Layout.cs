namespace SessionBrowser.Terminal.Rendering;

/// <summary>How much of a row or column split one part takes.</summary>
public readonly record struct Constraint(ConstraintKind Kind, int Value)
{
    /// <summary>Exactly this many cells (fewer if there is not room).</summary>
    public static Constraint Fixed(int cells) => new(ConstraintKind.Fixed, Math.Max(0, cells));

    /// <summary>This percentage of the whole length.</summary>
    public static Constraint Percent(int percent) => new(ConstraintKind.Percent, Math.Clamp(percent, 0, 100));

    /// <summary>A share of what is left after fixed and percentage parts, by weight.</summary>
    public static Constraint Fill(int weight = 1) => new(ConstraintKind.Fill, Math.Max(1, weight));
}

public enum ConstraintKind { Fixed, Percent, Fill }

/// <summary>Splits a rectangle into rows or columns.</summary>
public static class Layout
{
    /// <summary>Stacks parts top to bottom.</summary>
    public static Rect[] Rows(Rect area, params Constraint[] parts)
    {
        var lengths = Split(area.Height, parts);
        var result = new Rect[parts.Length];
        int y = area.Y;
        for (int i = 0; i < parts.Length; i++) { result[i] = new Rect(area.X, y, area.Width, lengths[i]); y += lengths[i]; }
        return result;
    }

    /// <summary>Places parts left to right.</summary>
    public static Rect[] Columns(Rect area, params Constraint[] parts)
    {
        var lengths = Split(area.Width, parts);
        var result = new Rect[parts.Length];
        int x = area.X;
        for (int i = 0; i < parts.Length; i++) { result[i] = new Rect(x, area.Y, lengths[i], area.Height); x += lengths[i]; }
        return result;
    }

    /// <summary>The lengths of the parts: fixed and percentage parts first (in order, while room lasts), then fills share the rest by weight.</summary>
    public static int[] Split(int total, IReadOnlyList<Constraint> parts)
    {
        var lengths = new int[parts.Count];
        int left = Math.Max(0, total);
        for (int i = 0; i < parts.Count; i++)
        {
            int wanted = parts[i].Kind switch
            {
                ConstraintKind.Fixed => parts[i].Value,
                ConstraintKind.Percent => total * parts[i].Value / 100,
                _ => 0,
            };
            lengths[i] = Math.Min(wanted, left);
            left -= lengths[i];
        }
        int weights = parts.Where(p => p.Kind == ConstraintKind.Fill).Sum(p => p.Value);
        if (weights == 0) return lengths;
        int share = left, given = 0, seen = 0;
        for (int i = 0; i < parts.Count; i++)
        {
            if (parts[i].Kind != ConstraintKind.Fill) continue;
            seen += parts[i].Value;
            // Cumulative rounding so the fills add up to exactly what is left.
            int upTo = share * seen / weights;
            lengths[i] = upTo - given;
            given = upTo;
        }
        return lengths;
    }
}
