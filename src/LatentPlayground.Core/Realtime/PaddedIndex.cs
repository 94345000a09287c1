using System.Runtime.InteropServices;

namespace LatentPlayground.Core.Realtime;

/// <summary>
/// A counter alone on its own cache line (64 bytes either side), so that a producer's and a consumer's
/// counters never share a line and make the two cores invalidate each other on every write.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndex
{
    [FieldOffset(64)]
    public long Value;
}
