using System.Text;
using Tmds.Linux;

namespace LatentPlayground.Files;

/// <summary>What a path names, from stat(2): its kind and its identity (device and inode). Thread: any.</summary>
/// <param name="Kind">What the path is after following links; <see cref="FileKind.Missing"/> when nothing is there.</param>
/// <param name="Device">st_dev, for telling whether two spellings are one file.</param>
/// <param name="Inode">st_ino.</param>
/// <param name="Size">st_size in bytes (regular files).</param>
/// <param name="IsLink">The path itself is a symbolic link (lstat).</param>
public readonly record struct FileNode(FileKind Kind, ulong Device, ulong Inode, long Size, bool IsLink)
{
    /// <summary>stat(2) of the path, following links; lstat(2) says whether the path itself is a link.</summary>
    public static unsafe FileNode Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        stat st;
        bool isLink;
        fixed (byte* p = name)
        {
            isLink = LibC.lstat(p, &st) == 0 && LibC.S_ISLNK(st.st_mode);
            if (LibC.stat(p, &st) != 0)
            {
                return new FileNode(isLink ? FileKind.DanglingLink : FileKind.Missing, 0, 0, 0, isLink);
            }
        }

        return FromStat(st, isLink);
    }

    /// <summary>fstat(2) of an open descriptor: what was actually opened, with no race against a rename.</summary>
    public static unsafe FileNode OfDescriptor(int fd)
    {
        stat st;
        if (LibC.fstat(fd, &st) != 0)
        {
            throw new IOException($"fstat failed (errno {LibC.errno})");
        }

        return FromStat(st, false);
    }

    /// <summary>Same device and inode: one file, whatever the spelling (links, ./, relative paths).</summary>
    public bool IsSameFileAs(FileNode other) => Kind != FileKind.Missing && Kind != FileKind.DanglingLink
        && other.Kind == Kind && other.Device == Device && other.Inode == Inode;

    private static FileNode FromStat(stat st, bool isLink)
    {
        mode_t mode = st.st_mode;
        FileKind kind = LibC.S_ISREG(mode) ? FileKind.Regular
            : LibC.S_ISDIR(mode) ? FileKind.Directory
            : LibC.S_ISFIFO(mode) ? FileKind.Fifo
            : LibC.S_ISCHR(mode) ? FileKind.CharacterDevice
            : LibC.S_ISBLK(mode) ? FileKind.BlockDevice
            : LibC.S_ISSOCK(mode) ? FileKind.Socket
            : FileKind.Other;
        return new FileNode(kind, (ulong)st.st_dev, (ulong)st.st_ino, (long)st.st_size, isLink);
    }
}
