using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// A first list's pass (<see cref="IStampedListing"/>): each session read through the finder,
/// which stamps metadata.json from the file it opened to read it.
/// </summary>
public sealed partial class NativeStore : IStampedListing
{
    public IReadOnlyList<StampedSummary> ReadStamped(IReadOnlySet<string>? messagesOf, CancellationToken cancellationToken = default)
    {
        var (folders, flat) = Entries(cancellationToken);
        var read = new StampedSummary[folders.Count + flat.Count];
        using (var root = new StampFolder(Root))
        using (var finder = new NativeFinder(this))
        {
            // Two workers: on a cold disk cache the reads overlap, and each read is mostly system calls.
            Parallel.For(0, folders.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
                i => read[i] = finder.FindStamped(folders[i], root, messagesOf is null || messagesOf.Contains(folders[i])));
        }
        for (int i = 0; i < flat.Count; i++)
        {
            var stamp = FlatStamp(flat[i]);
            read[folders.Count + i] = new StampedSummary(stamp, Find(flat[i]));
        }
        return read;
    }
}
