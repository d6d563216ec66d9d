using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// A first list's pass (<see cref="IStampedListing"/>): each session read through the finder as
/// the store folder is listed (<see cref="AsListed"/>), the finder stamping metadata.json from the
/// file it opened to read it.
/// </summary>
public sealed partial class NativeStore : IStampedListing
{
    public IReadOnlyList<StampedSummary> ReadStamped(IReadOnlySet<string>? messagesOf, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root)) return [];
        var legacy = new List<string>();
        List<StampedSummary> read;
        using (var root = new StampFolder(Root))
        using (var finder = new NativeFinder(this))
            read = AsListed.Select(SessionFolders(legacy, cancellationToken),
                name => finder.FindStamped(name, root, messagesOf is null || messagesOf.Contains(name)), cancellationToken);
        if (legacy.Count == 0) return read;
        // Stamped before read, as every session is.
        foreach (var id in FlatIds(legacy, read.Select(r => r.Stamp.Id)).ToList()) read.Add(new StampedSummary(FlatStamp(id), Find(id)));
        return read;
    }
}
