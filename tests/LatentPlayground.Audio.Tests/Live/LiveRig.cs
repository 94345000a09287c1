using System.Buffers.Binary;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Realtime;
using LatentPlayground.Audio.Tests.Alsa;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Audio.Tests.Live;

/// <summary>
/// A live engine and driver over alsa-lib file PCMs (capture from a raw float file, playback into one):
/// real ALSA, real threads, no sound card. The stream runs at the codec's rate (<see cref="Rate"/> for the
/// default codec). The threads ask for SCHED_FIFO and cores 0 and 1 as the pedal
/// does; where that is refused they run anyway.
/// </summary>
internal sealed class LiveRig : IDisposable
{
    public const int Rate = 48000;

    private readonly FilePcmRig _files = new();

    public LiveRig(float[] interleavedInput, int channels, int period, int periods, int budget, IStreamingCodec? codec = null, params string[] settings)
    {
        Channels = channels;
        Codec = codec ?? new HalfGainCodec();
        byte[] raw = new byte[interleavedInput.Length * 4];
        for (int i = 0; i < interleavedInput.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), interleavedInput[i]);
        }

        File.WriteAllBytes(_files.InputPath, raw);
        var p = new ParameterSet();
        foreach (string s in settings)
        {
            Assert.Null(p.TrySetFromText(s));
        }

        LiveEngine Make()
        {
            var engine = new LiveEngine(Codec, channels, period, budget);
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                Assert.True(engine.Post(new ParameterChange(d.Id, p[d.Id])));
            }

            engine.ApplyPendingImmediately();
            return engine;
        }

        EngineWarmUp.Run(Make, Codec, period);
        Engine = Make();
        Stream = _files.Open(new PcmSettings(Codec.SampleRate, channels, period, periods) { Formats = [PcmSampleFormat.FloatLE] });
    }

    public int Channels { get; }

    public IStreamingCodec Codec { get; }

    public LiveEngine Engine { get; }

    public AlsaDuplexStream Stream { get; }

    /// <summary>Samples from a captured frame to its wet frame in the playback file.</summary>
    public int Latency => Engine.LatencySamples + Stream.CaptureToPlaybackFrames;

    public static LiveDriverSettings Settings(LivePacing pacing, long? frames, bool fifo = true) => new()
    {
        AudioThread = new RealtimeSettings("lp-audio", fifo ? 80 : null, fifo ? 0 : null),
        InferenceThread = new RealtimeSettings("lp-inference", fifo ? 60 : null, fifo ? 1 : null),
        Pacing = pacing,
        StopAfterFrames = frames,
        LockMemory = false,
    };

    public LiveDriver Start(LiveDriverSettings settings, List<string>? warnings = null) =>
        LiveDriver.Start(Engine, Stream, Codec.Hop, settings, warnings is null ? null : warnings.Add);

    /// <summary>Runs to the driver's own end (its frame count), then stops it.</summary>
    public LiveCounters RunToEnd(LiveDriverSettings settings, TimeSpan timeout)
    {
        LiveDriver driver = Start(settings);
        var deadline = DateTime.UtcNow + timeout;
        while (driver.AudioRunning && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.False(driver.AudioRunning, $"the audio thread was still running after {timeout}");
        driver.Stop();
        return driver.ReadCounters();
    }

    /// <summary>The playback file as interleaved floats.</summary>
    public float[] ReadOutput()
    {
        byte[] raw = _files.ReadOutput();
        var samples = new float[raw.Length / 4];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
        }

        return samples;
    }

    public static float[] Noise(int samples, int seed, double amplitude = 0.8)
    {
        var random = new Random(seed);
        var x = new float[samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() - 0.5) * amplitude);
        }

        return x;
    }

    public void Dispose()
    {
        Stream.Dispose();
        _files.Dispose();
    }
}
