using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Browser.Runtime;

/// <summary>The Messages tab's reader over Core's <see cref="MessageList"/> (offset-indexed, reads one line at a time).</summary>
public sealed class MessageListSource(MessageList list) : IMessageSource
{
    public int Count => list.Count;

    public MessageRecord Read(int index) => list.Get(index);
}
