namespace LatentPlayground.Hardware.Simulation;

/// <summary>Which way a simulated bus transfer went, seen from the host.</summary>
public enum BusDirection
{
    /// <summary>Host to device.</summary>
    Write = 0,

    /// <summary>Device to host.</summary>
    Read = 1,
}

/// <summary>
/// One transfer a simulated device saw, with its bytes: the log byte-level tests check.
/// A full-duplex SPI transfer is logged as its write followed by its read.
/// </summary>
/// <param name="Direction">Host to device, or device to host.</param>
/// <param name="Bytes">The bytes on the bus, in order.</param>
public sealed record BusTransfer(BusDirection Direction, IReadOnlyList<byte> Bytes)
{
    /// <summary>"W 01 C3 E3" / "R 85 83": for test failure messages. Thread: any.</summary>
    public override string ToString() =>
        $"{(Direction == BusDirection.Write ? 'W' : 'R')} {Convert.ToHexString(Bytes is byte[] a ? a : [.. Bytes])}";
}
