namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// Interleaves several sessions' messages by timestamp. Stable: equal times keep the inputs'
/// order (first input first) and each input's own order. A message without a readable time
/// takes the time of the message before it in the same input, so it stays next to its
/// neighbours instead of jumping to the start.
/// </summary>
public static class MergeOrder
{
    public static List<T> Interleave<T>(IReadOnlyList<IReadOnlyList<T>> inputs, Func<T, DateTimeOffset?> timeOf)
    {
        var keyed = new List<(DateTimeOffset Time, int Input, int Position, T Item)>();
        for (int input = 0; input < inputs.Count; input++)
        {
            var previous = DateTimeOffset.MinValue;
            for (int position = 0; position < inputs[input].Count; position++)
            {
                var item = inputs[input][position];
                previous = timeOf(item) ?? previous;
                keyed.Add((previous, input, position, item));
            }
        }
        keyed.Sort((a, b) =>
        {
            int c = a.Time.CompareTo(b.Time);
            if (c != 0) return c;
            c = a.Input.CompareTo(b.Input);
            return c != 0 ? c : a.Position.CompareTo(b.Position);
        });
        return keyed.ConvertAll(k => k.Item);
    }
}
