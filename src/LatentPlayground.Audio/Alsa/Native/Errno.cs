namespace LatentPlayground.Audio.Alsa.Native;

/// <summary>
/// The errno values alsa-lib returns (negated) that this code acts on. They come from
/// include/uapi/asm-generic/errno-base.h and errno.h, which x86-64 and arm64 both use.
/// </summary>
internal static class Errno
{
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EBUSY = 16;
    public const int EINVAL = 22;
    public const int EPIPE = 32;
    public const int ENOSYS = 38;
    public const int EBADFD = 77;
    public const int ESTRPIPE = 86;
}
