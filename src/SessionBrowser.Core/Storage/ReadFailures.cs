namespace SessionBrowser.Core.Storage;

/// <summary>
/// Turns a file that cannot be read (no permission, a folder where a file should be, an I/O
/// error) into a last item that says so, so one session's unreadable file ends that session's
/// reading and never the listing, search or statistics of all the others.
/// </summary>
public static class ReadFailures
{
    public static bool IsReadFailure(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>
    /// What reading damaged JSON can throw beyond I/O: invalid UTF-8 or a value of the wrong type
    /// (<see cref="InvalidOperationException"/>), a missing key, a bad number or format.
    /// </summary>
    public static bool IsDamage(Exception e) =>
        IsReadFailure(e) || e is InvalidOperationException or KeyNotFoundException or FormatException or OverflowException
            or ArgumentException or System.Text.Json.JsonException or InvalidDataException or IndexOutOfRangeException;

    /// <summary>One session's row, or when its files cannot be made sense of, <paramref name="unreadable"/>'s (a damaged row), so a listing goes on.</summary>
    public static T OrDamaged<T>(Func<T> read, Func<Exception, T> unreadable)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsDamage(e) && e is not OperationCanceledException)
        {
            return unreadable(e);
        }
    }

    /// <summary>The items of <paramref name="source"/>; when reading fails, <paramref name="failed"/>'s item, then the end.</summary>
    public static IEnumerable<T> EndWith<T>(IEnumerable<T> source, Func<Exception, T> failed)
    {
        using var items = Next(source.GetEnumerator, out var error);
        if (items is null)
        {
            yield return failed(error!);
            yield break;
        }
        while (true)
        {
            bool more;
            Exception? failure = null;
            try { more = items.MoveNext(); }
            catch (Exception e) when (IsReadFailure(e))
            {
                more = false;
                failure = e;
            }
            if (failure is not null) yield return failed(failure);
            if (!more) yield break;
            yield return items.Current;
        }
    }

    private static IEnumerator<T>? Next<T>(Func<IEnumerator<T>> start, out Exception? error)
    {
        error = null;
        try { return start(); }
        catch (Exception e) when (IsReadFailure(e))
        {
            error = e;
            return null;
        }
    }
}
