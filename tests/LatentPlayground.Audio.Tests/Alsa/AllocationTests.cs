using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>The audio thread's ALSA calls allocate nothing per period once warm.</summary>
[Collection(RunAloneCollection.Name)]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(PcmSampleFormat.S16LE)]
    [InlineData(PcmSampleFormat.S24LE)]
    [InlineData(PcmSampleFormat.S24Packed3LE)]
    [InlineData(PcmSampleFormat.S32LE)]
    [InlineData(PcmSampleFormat.FloatLE)]
    public void ReadPeriod_and_WritePeriod_allocate_no_managed_bytes(PcmSampleFormat format)
    {
        const int period = 128, warmUp = 200, measured = 2000;
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, RawSignal.Make(format, (warmUp + measured + 1) * period * 2, seed: 11));
        using AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, 2, period, 4) { Formats = [format] });
        float[] buffer = new float[stream.SamplesPerPeriod];
        stream.Start();
        DuplexRun.Loop(stream, warmUp, buffer);

        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        int collectionsBefore = GC.CollectionCount(0);
        for (int i = 0; i < measured; i++)
        {
            stream.ReadPeriod(buffer);
            stream.WritePeriod(buffer);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        Assert.Equal(0, allocated);
        Assert.Equal(collectionsBefore, GC.CollectionCount(0));
    }

    [Fact]
    public void Recovery_allocates_no_managed_bytes()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, new byte[128 * 8 * 400]);
        using AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, 2, 128, 4) { Formats = [PcmSampleFormat.S32LE] });
        float[] buffer = new float[stream.SamplesPerPeriod];
        stream.Start();
        DuplexRun.Loop(stream, 10, buffer);
        stream.Recover(PcmDirection.Capture, -32);
        DuplexRun.Loop(stream, 10, buffer);

        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            stream.Recover(i % 2 == 0 ? PcmDirection.Capture : PcmDirection.Playback, -32);
            DuplexRun.Loop(stream, 5, buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - bytesBefore);
    }
}
