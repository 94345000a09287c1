using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>Starting, stopping and misuse of a duplex stream.</summary>
public sealed class DuplexLifecycleTests
{
    private static readonly PcmSettings Settings = new(48000, 1, 64, 2) { Formats = [PcmSampleFormat.S16LE] };

    [Fact]
    public void Stop_then_start_again_prefills_again()
    {
        using var rig = new FilePcmRig();
        byte[] input = RawSignal.Make(PcmSampleFormat.S16LE, 64 * 12, seed: 9);
        File.WriteAllBytes(rig.InputPath, input);
        using (AlsaDuplexStream stream = rig.Open(Settings))
        {
            stream.Start();
            DuplexRun.Loop(stream, 5);
            stream.Stop(drainPlayback: true);
            stream.Start();
            DuplexRun.Loop(stream, 5);
            stream.Stop();
        }

        byte[] silence = new byte[2 * 64 * 2];
        byte[] expected = [.. silence, .. input.AsSpan(0, 5 * 128), .. silence, .. input.AsSpan(5 * 128, 5 * 128)];
        Assert.Equal(expected, rig.ReadOutput());
    }

    [Fact]
    public void Periods_of_the_wrong_length_and_use_before_start_are_refused()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, new byte[1024]);
        using AlsaDuplexStream stream = rig.Open(Settings);

        Assert.Throws<InvalidOperationException>(() => stream.ReadPeriod(new float[64]));
        Assert.Throws<InvalidOperationException>(() => stream.Recover(PcmDirection.Capture, -32));
        stream.Start();
        Assert.Throws<InvalidOperationException>(stream.Start);
        var e = Assert.Throws<ArgumentException>(() => stream.WritePeriod(new float[63]));
        Assert.Equal("a period is 64 frames x 1 channels = 64 samples, not 63", e.Message);
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, []);
        AlsaDuplexStream stream = rig.Open(Settings);

        stream.Dispose();
        stream.Dispose();
    }
}
