using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// A file's size and last write time in one system call. Proving that nothing changed in a
/// store of 10,000 sessions is 13,000-20,000 of these per command; through <see cref="FileInfo"/>
/// each costs two system calls and an object (a third more time). Linux's statx(2) has the same
/// record layout on every architecture; elsewhere, or if it fails oddly, FileInfo answers.
/// </summary>
/// <summary>What a path names, links followed.</summary>
internal enum FileKind { Missing, File, Folder, Special }

/// <summary>What is at a path itself, a link not followed: nothing, a link (even a dangling one), or anything else.</summary>
internal enum EntryKind { Missing, Link, Other }

internal static class FileStat
{
    private const int CurrentDirectory = -100;   // AT_FDCWD
    private const int OfTheLinkItself = 0x100;   // AT_SYMLINK_NOFOLLOW: FileInfo stamps a link, not its target
    private const uint TypeSizeAndWriteTime = 0x1 | 0x200 | 0x40; // STATX_TYPE | STATX_SIZE | STATX_MTIME
    private const int NoSuchFile = 2, NotADirectory = 20; // ENOENT, ENOTDIR
    private const int RecordSize = 256;
    private const int ModeOffset = 28, SizeOffset = 40, WriteSecondsOffset = 112, WriteNanosecondsOffset = 120;
    private const int TypeBits = 0xF000, Directory = 0x4000, RegularFile = 0x8000, Link = 0xA000;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    [ThreadStatic]
    private static byte[]? _record;

    public static FileStamp Of(string path)
    {
        if (!_unavailable)
        {
            try
            {
                var record = _record ??= new byte[RecordSize];
                if (statx(CurrentDirectory, path, OfTheLinkItself, TypeSizeAndWriteTime, record) == 0)
                    return FromRecord(record) ?? FileStamp.Of(new FileInfo(path));
                if (Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory) return FileStamp.Missing;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }
        return FileStamp.Of(new FileInfo(path));
    }

    /// <summary>
    /// <see cref="Of(string)"/> of <c>folder/child/file</c>, the path walked from the open
    /// <paramref name="folder"/> (see <see cref="StampFolder"/>): the kernel looks up two names
    /// instead of every folder from the root, and no path string is made.
    /// </summary>
    public static FileStamp Of(StampFolder folder, string child, string file) => Of(folder, child.AsSpan(), file.AsSpan());

    /// <summary>As <see cref="Of(StampFolder, string, string)"/> for a file directly in the folder (a listing's entry: one name looked up).</summary>
    public static FileStamp Of(StampFolder folder, ReadOnlySpan<char> file) => Of(folder, [], file);

    private static FileStamp Of(StampFolder folder, ReadOnlySpan<char> child, ReadOnlySpan<char> file)
    {
        if (!_unavailable && folder.Handle >= 0 && child.Length + file.Length < 200)
        {
            try
            {
                Span<byte> relative = stackalloc byte[4 * 200 + 2];
                int length = Encoding.UTF8.GetBytes(child, relative);
                if (!child.IsEmpty) relative[length++] = (byte)'/';
                length += Encoding.UTF8.GetBytes(file, relative[length..]);
                relative[length] = 0;
                var record = _record ??= new byte[RecordSize];
                if (statx(folder.Handle, ref relative[0], OfTheLinkItself, TypeSizeAndWriteTime, record) == 0)
                    return FromRecord(record) ?? FileStamp.Of(new FileInfo(PathOf(folder, child, file)));
                if (Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory) return FileStamp.Missing;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }
        return Of(PathOf(folder, child, file));
    }

    private static string PathOf(StampFolder folder, ReadOnlySpan<char> child, ReadOnlySpan<char> file) =>
        child.IsEmpty ? Path.Join(folder.Path, file) : Path.Join(folder.Path, child, file);

    /// <summary>The stamp a statx record gives; null for a link, FIFO or the like, which FileInfo's rules answer (they are rare).</summary>
    private static FileStamp? FromRecord(byte[] record)
    {
        // A folder is no file to FileInfo either.
        int type = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(ModeOffset)) & TypeBits;
        if (type == Directory) return FileStamp.Missing;
        if (type != RegularFile) return null;
        return RegularFileStamp(record);
    }

    /// <summary>The stamp in a statx record of a regular file (asked for its size and write time).</summary>
    /// <summary>
    /// What an open file is, asked of its descriptor (statx with AT_EMPTY_PATH, so no name is looked
    /// up again): whether it is a regular file and, if so, its stamp; null when statx fails.
    /// </summary>
    public static (bool Regular, FileStamp Stamp)? OfOpenFile(int descriptor)
    {
        var record = _record ??= new byte[RecordSize];
        if (statx(descriptor, ref EmptyName[0], EmptyPath, TypeSizeAndWriteTime, record) != 0) return null;
        bool regular = (BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(ModeOffset)) & TypeBits) == RegularFile;
        return (regular, regular ? RegularFileStamp(record) : default);
    }

    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: statx of the descriptor itself

    /// <summary>"" as a C string, for <see cref="EmptyPath"/>.</summary>
    private static readonly byte[] EmptyName = [0];

    private static FileStamp RegularFileStamp(ReadOnlySpan<byte> record)
    {
        long seconds = BinaryPrimitives.ReadInt64LittleEndian(record[WriteSecondsOffset..]);
        uint nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(record[WriteNanosecondsOffset..]);
        long ticks = DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;
        return new FileStamp(BinaryPrimitives.ReadInt64LittleEndian(record[SizeOffset..]), ticks);
    }

    /// <summary>
    /// What is at the path after links, in one system call. <see cref="FileKind.Special"/> is a FIFO,
    /// socket or device: opening a FIFO for reading waits for a writer forever, a device never ends.
    /// </summary>
    public static FileKind KindOf(string path)
    {
        if (!_unavailable)
        {
            try
            {
                var record = _record ??= new byte[RecordSize];
                if (statx(CurrentDirectory, path, 0, 0x1 /* STATX_TYPE */, record) != 0) return FileKind.Missing;
                return (BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(ModeOffset)) & TypeBits) switch
                {
                    RegularFile => FileKind.File,
                    Directory => FileKind.Folder,
                    _ => FileKind.Special,
                };
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }
        return File.Exists(path) ? FileKind.File : System.IO.Directory.Exists(path) ? FileKind.Folder : FileKind.Missing;
    }

    public static bool IsSpecial(string path) => KindOf(path) == FileKind.Special;

    /// <summary>
    /// Whether anything is at the path, and whether it is a link, in one system call (FileTree asked
    /// File.Exists, Directory.Exists and a readlink: four calls per path, and a cleanup of 10,000
    /// sessions asks this of each some ten times). Null where one lstat cannot tell (a folder on
    /// the way that cannot be searched, another system): the caller then asks .NET as before.
    /// </summary>
    public static EntryKind? EntryOf(string path)
    {
        // A NUL would cut the path short, a trailing separator makes the kernel follow a link: .NET's rules for those.
        if (_unavailable || path.Length == 0 || path.Contains('\0') || Path.EndsInDirectorySeparator(path)) return null;
        try
        {
            var record = _record ??= new byte[RecordSize];
            if (statx(CurrentDirectory, path, OfTheLinkItself, 0x1 /* STATX_TYPE */, record) != 0)
                return Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory ? EntryKind.Missing : null;
            return (BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(ModeOffset)) & TypeBits) == Link ? EntryKind.Link : EntryKind.Other;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] record);

    /// <summary>statx with the path as NUL-terminated UTF-8 already.</summary>
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int statx(int directory, ref byte path, int flags, uint mask, byte[] record);


}
