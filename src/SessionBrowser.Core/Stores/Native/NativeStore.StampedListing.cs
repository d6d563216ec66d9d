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
        using var finder = new NativeFinder(this);
        // A legacy file is stamped before it is read, as every session is.
        return EachSession((root, name) => finder.FindStamped(name, root, messagesOf is null || messagesOf.Contains(name)),
            id => new StampedSummary(FlatStamp(id), Find(id)), read => read.Stamp.Id, cancellationToken);
    }
}
