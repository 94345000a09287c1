namespace LatentPlayground.Files;

/// <summary>What a path names (st_mode's file type).</summary>
public enum FileKind
{
    Missing,
    DanglingLink,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>Words for a <see cref="FileKind"/> in a message.</summary>
public static class FileKindText
{
    public static string Describe(this FileKind kind) => kind switch
    {
        FileKind.Missing => "does not exist",
        FileKind.DanglingLink => "is a link to nothing",
        FileKind.Regular => "is a regular file",
        FileKind.Directory => "is a folder",
        FileKind.Fifo => "is a FIFO (named pipe)",
        FileKind.CharacterDevice => "is a character device",
        FileKind.BlockDevice => "is a block device",
        FileKind.Socket => "is a socket",
        _ => "is not a regular file",
    };
}
