using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// A file's size and last write time in one system call. Proving that nothing changed in a
/// store of 10,000 sessions is 13,000-20,000 of these per command; through <see cref="FileInfo"/>
/// each costs two system calls and an object (a third more time). Linux's statx(2) has the same
/// record layout on every architecture; elsewhere, or if it fails oddly, FileInfo answers.
/// </summary>
/// <summary>What a path names, links followed.</summary>
internal enum FileKind { Missing, File, Folder, Special }

internal static class FileStat
{
    private const int CurrentDirectory = -100;   // AT_FDCWD
    private const int OfTheLinkItself = 0x100;   // AT_SYMLINK_NOFOLLOW: FileInfo stamps a link, not its target
    private const uint TypeSizeAndWriteTime = 0x1 | 0x200 | 0x40; // STATX_TYPE | STATX_SIZE | STATX_MTIME
    private const int NoSuchFile = 2, NotADirectory = 20; // ENOENT, ENOTDIR
    private const int RecordSize = 256;
    private const int ModeOffset = 28, SizeOffset = 40, WriteSecondsOffset = 112, WriteNanosecondsOffset = 120;
    private const int TypeBits = 0xF000, Directory = 0x4000, RegularFile = 0x8000;

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
                {
                    // A folder is no file to FileInfo either; links and the like are rare: FileInfo's rules.
                    int type = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(ModeOffset)) & TypeBits;
                    if (type == Directory) return FileStamp.Missing;
                    if (type != RegularFile) return FileStamp.Of(new FileInfo(path));
                    long seconds = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(WriteSecondsOffset));
                    uint nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(WriteNanosecondsOffset));
                    long ticks = DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;
                    return new FileStamp(BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(SizeOffset)), ticks);
                }
                int error = Marshal.GetLastPInvokeError();
                if (error is NoSuchFile or NotADirectory) return FileStamp.Missing;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }
        return FileStamp.Of(new FileInfo(path));
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

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] record);
}
