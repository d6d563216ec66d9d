using System.Runtime.InteropServices;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// A folder held open so that the small files in it are read by names relative to it (Linux):
/// a first list of 10,000 sessions reads every metadata.json and asks every .lock, and through
/// paths and FileStream that was 17 system calls per session (each path walked from the root,
/// a readlink and a statx to refuse links and FIFOs, two fstats, a flock and its release) and
/// several objects. Here a session is an open of its folder, of the file (links refused by the
/// open itself) and one statx of the open file. Only the plain case is answered: anything else
/// (a link, a FIFO, a file too large, an error) returns nothing, and the caller asks the
/// path-based readers, whose rules and messages stay the only ones.
/// </summary>
internal readonly struct FolderHandle : IDisposable
{
    private const int NoSuchFile = 2, NotADirectory = 20, WouldBlock = 11; // ENOENT, ENOTDIR, EWOULDBLOCK
    private const int SharedNoWait = 1 | 4;                                 // LOCK_SH | LOCK_NB

    private static readonly Flags? Known = FlagsOf(RuntimeInformation.ProcessArchitecture);
    private static bool _unavailable = !OperatingSystem.IsLinux() || Known is null;

    private FolderHandle(int descriptor, string? child = null)
    {
        Descriptor = descriptor;
        _child = child;
    }

    /// <summary>The open descriptor; -1 when the folder is not open (then nothing is read through it).</summary>
    public int Descriptor { get; }

    /// <summary>
    /// Where openat2 is to be had: this is the folder of that name in <see cref="Descriptor"/>'s,
    /// not opened itself; its files are opened by <c>child/name</c> with no link followed on the
    /// way (RESOLVE_NO_SYMLINKS), which spares an open and a close of the folder per session.
    /// </summary>
    private readonly string? _child;

    public bool IsOpen => Descriptor >= 0;

    /// <summary>No folder: everything asked of it answers "cannot tell here".</summary>
    public static FolderHandle NotOpen => new(-1);

    /// <summary>The folder at an absolute path, links followed as any path is; not open where that is not to be had.</summary>
    public static FolderHandle Open(string path)
    {
        if (_unavailable) return new(-1);
        var flags = Known!.Value;
        try
        {
            return new(open(path, flags.ReadOnly | flags.Folder | flags.CloseOnExec));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return new(-1);
        }
    }

    /// <summary>
    /// The folder <paramref name="name"/> inside this one, only when it is a real folder: a link
    /// there (or anything else) is not opened.
    /// </summary>
    public FolderHandle OpenChild(string name)
    {
        if (!IsOpen || _unavailable || _child is not null) return new(-1);
        if (Openat2.Works) return new(Descriptor, name);
        var flags = Known!.Value;
        return new(openat(Descriptor, name, flags.ReadOnly | flags.Folder | flags.NoFollow | flags.CloseOnExec));
    }

    /// <summary>
    /// Opens the file <paramref name="name"/> in this folder. Through a child not opened itself, no
    /// link is followed on the way: the child (a link there is no session folder) nor the file
    /// (where links are followed, as for a lock, the caller is told it cannot tell, by ELOOP).
    /// </summary>
    private int OpenFile(string name, int flags) =>
        _child is null ? openat(Descriptor, name, flags) : Openat2.Open(Descriptor, _child + "/" + name, flags);

    /// <summary>
    /// The whole of the regular file <paramref name="name"/> in this folder when it is at most
    /// <paramref name="maxBytes"/> long, into <paramref name="buffer"/> (grown when too small);
    /// the length read, or -1 when it is not such a file or cannot be read here (a link, a FIFO,
    /// a folder, missing, too large, locked exclusively, changed length while read): the
    /// path-based reader then says what it is. The shared flock .NET takes on every open is taken
    /// too, so a file another process holds exclusively is refused here as it is there.
    /// </summary>
    public int ReadFile(string name, long maxBytes, ref byte[] buffer) =>
        Read(name, maxBytes, wholeOnly: true, ref buffer, out _, out _);

    /// <summary>
    /// As <see cref="ReadFile"/>, but a longer file is read only as far as its first
    /// <paramref name="count"/> bytes; <paramref name="whole"/> says whether that was all of it,
    /// <paramref name="stamp"/> is the file's stamp taken before reading (as <see cref="FileStat"/> takes it).
    /// </summary>
    public int ReadStart(string name, int count, ref byte[] buffer, out bool whole, out FileStamp stamp) =>
        Read(name, count, wholeOnly: false, ref buffer, out whole, out stamp);

    /// <summary>
    /// <see cref="ReadFile"/> of the file at an absolute <paramref name="path"/> (no folder held
    /// open: a transcript is read once per listing, each in its own folder). The last name is not
    /// followed when it is a link, as <see cref="RegularFile"/> refuses one; the folders on the
    /// way are walked as any path is. <paramref name="stamp"/> is the open file's, taken before reading.
    /// </summary>
    public static int ReadFileAt(string path, long maxBytes, ref byte[] buffer, out FileStamp stamp)
    {
        stamp = default;
        if (_unavailable) return -1;
        var flags = Known!.Value;
        int file;
        try
        {
            file = open(path, flags.ReadOnly | flags.NoFollow | flags.NonBlocking | flags.CloseOnExec);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
            return -1;
        }
        return ReadOpen(file, maxBytes, wholeOnly: true, ref buffer, out _, out stamp);
    }

    private int Read(string name, long limit, bool wholeOnly, ref byte[] buffer, out bool whole, out FileStamp stamp)
    {
        whole = false;
        stamp = default;
        if (!IsOpen || _unavailable) return -1;
        var flags = Known!.Value;
        return ReadOpen(OpenFile(name, flags.ReadOnly | flags.NoFollow | flags.NonBlocking | flags.CloseOnExec), limit, wholeOnly, ref buffer, out whole, out stamp);
    }

    /// <summary>Reads the just opened <paramref name="file"/> (-1: the open failed) as <see cref="Read"/> says, and closes it.</summary>
    private static int ReadOpen(int file, long limit, bool wholeOnly, ref byte[] buffer, out bool whole, out FileStamp stamp)
    {
        whole = false;
        stamp = default;
        if (file < 0) return -1;
        try
        {
            if (!IsRegularFile(file, out stamp)) return -1;
            long length = stamp.Length;
            if (wholeOnly && length > limit) return -1;
            if (flock(file, SharedNoWait) != 0) return -1;
            int wanted = (int)Math.Min(length, limit);
            if (buffer.Length < wanted) buffer = new byte[Math.Max(wanted, buffer.Length * 2)];
            int done = 0;
            while (done < wanted)
            {
                int read = ReadInto(file, buffer.AsSpan(done, wanted - done));
                if (read <= 0) return -1;
                done += read;
            }
            whole = done == length;
            return done;
        }
        finally
        {
            close(file);
        }
    }

    /// <summary>
    /// <see cref="FileLock.IsHeld"/> of the file <paramref name="name"/> in this folder (links
    /// followed, as there): false when it is missing or not a regular file, true when an
    /// exclusive flock is held on it; null when this cannot tell (ask FileLock with the path).
    /// </summary>
    public bool? IsLockHeld(string name)
    {
        if (!IsOpen || _unavailable) return null;
        var flags = Known!.Value;
        int file = OpenFile(name, flags.ReadOnly | flags.NonBlocking | flags.CloseOnExec);
        if (file < 0) return Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory ? false : null;
        try
        {
            // Taken (and let go by the close): nobody holds it exclusively, whatever it is.
            if (flock(file, SharedNoWait) == 0) return false;
            if (Marshal.GetLastPInvokeError() != WouldBlock) return null;
            // Held: a lock only when it is a regular file (FileLock never opens a FIFO or the like).
            return FileStat.OfOpenFile(file)?.Regular;
        }
        finally
        {
            close(file);
        }
    }

    public void Dispose()
    {
        // A child not opened itself has nothing to close (the descriptor is its parent's).
        if (IsOpen && _child is null) close(Descriptor);
    }

    /// <summary>Whether the open file is a regular file (false when statx fails), and then its stamp.</summary>
    private static bool IsRegularFile(int file, out FileStamp stamp)
    {
        var kind = FileStat.OfOpenFile(file);
        stamp = kind?.Stamp ?? default;
        return kind?.Regular == true;
    }

    private static int ReadInto(int file, Span<byte> into) => (int)read(file, ref MemoryMarshal.GetReference(into), into.Length);


    private readonly record struct Flags(int ReadOnly, int Folder, int NoFollow, int NonBlocking, int CloseOnExec);

    /// <summary>O_RDONLY, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_CLOEXEC, whose values differ between architectures; null where not known.</summary>
    private static Flags? FlagsOf(Architecture architecture) => architecture switch
    {
        Architecture.X64 or Architecture.X86 => new Flags(0, 0x10000, 0x20000, 0x800, 0x80000),
        Architecture.Arm64 or Architecture.Arm => new Flags(0, 0x4000, 0x8000, 0x800, 0x80000),
        _ => null,
    };

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int flock(int file, int operation);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int file, ref byte buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int file);
}
