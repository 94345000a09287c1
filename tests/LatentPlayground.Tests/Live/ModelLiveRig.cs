using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Realtime;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Render;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// The pedal's live path with the real default model: the engine built and warmed as <c>run</c> builds it,
/// an ALSA duplex stream over file PCMs, and the driver's two SCHED_FIFO threads on cores 0 and 1 (running
/// anyway, with a warning, where that is refused).
/// </summary>
internal sealed class ModelLiveRig : IDisposable
{
    public const int Rate = 48000;

    private readonly OpenedCodec _opened;
    private readonly FilePcms _files;
    private readonly AlsaConfig _alsa;

    /// <param name="input">Mono input at 48 kHz.</param>
    /// <param name="period">Frames per period.</param>
    /// <param name="budget">Inference budget in samples.</param>
    /// <param name="parameters">The settings, as for render.</param>
    /// <param name="wrap">Wraps the model (fault injection); null runs it as is.</param>
    /// <param name="bendable">Open the model's fp32 graphs with live weights (bending), instead of int8.</param>
    public ModelLiveRig(float[] input, int period, int budget, ParameterSet parameters, Func<IStreamingCodec, IStreamingCodec>? wrap = null, bool bendable = false)
        : this(new FilePcms(input), input, period, budget, parameters, wrap, bendable)
    {
    }

    private ModelLiveRig(FilePcms files, float[] input, int period, int budget, ParameterSet parameters, Func<IStreamingCodec, IStreamingCodec>? wrap, bool bendable = false)
    {
        Input = input;
        _opened = bendable ? new OnnxCodecSource().OpenBendable(null, ModelNoise.Default) : new OnnxCodecSource().Open(null, null);
        Model = _opened.Codec;
        Codec = wrap is null ? Model : wrap(Model);
        Parameters = parameters;
        _files = files;
        _alsa = AlsaConfig.Parse(_files.ConfigText, overSystemConfig: false);

        LiveEngine Make()
        {
            var engine = new LiveEngine(Codec, 1, period, budget);
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                if (d.Kind != ParameterKind.Action)
                {
                    Assert.True(engine.Post(new ParameterChange(d.Id, parameters[d.Id])));
                }
            }

            engine.ApplyPendingImmediately();
            return engine;
        }

        EngineWarmUp.Run(Make, Codec, period);
        Engine = Make();
        Stream = AlsaDuplexStream.Open(FilePcms.CaptureName, FilePcms.PlaybackName, new PcmSettings(Rate, 1, period, 2) { Formats = [PcmSampleFormat.FloatLE] }, _alsa);
    }

    public float[] Input { get; }

    /// <summary>A rig whose input is <paramref name="pattern"/> repeated for <paramref name="frames"/> and whose output is discarded: for soaks.</summary>
    public static ModelLiveRig Looped(float[] pattern, long frames, int period, int budget, ParameterSet parameters) =>
        new(new FilePcms(pattern, frames, discardOutput: true), pattern, period, budget, parameters, null);

    /// <summary>The real model, unwrapped.</summary>
    public IStreamingCodec Model { get; }

    /// <summary>What the engine runs: the model, or its wrapper.</summary>
    public IStreamingCodec Codec { get; }

    public ParameterSet Parameters { get; }

    public LiveEngine Engine { get; }

    public AlsaDuplexStream Stream { get; }

    /// <summary>Capture to playback, as <c>run</c> reports it.</summary>
    public int Latency => Engine.LatencySamples + Stream.CaptureToPlaybackFrames;

    public List<string> Warnings { get; } = [];

    /// <summary>The first few seconds of the bundled guitar riff (mono, 48 kHz).</summary>
    public static float[] DemoClip(double seconds)
    {
        WavAudio riff = WavReader.Read(Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "guitar-riff.wav"));
        Assert.Equal(Rate, riff.SampleRate);
        return riff.Samples[0][..(int)(seconds * Rate)];
    }

    public static ParameterSet Settings(params string[] settings)
    {
        var p = new ParameterSet();
        foreach (string s in settings)
        {
            Assert.Null(p.TrySetFromText(s));
        }

        return p;
    }

    public static LiveDriverSettings DriverSettings(LivePacing pacing, long frames) => new()
    {
        AudioThread = new RealtimeSettings("lp-audio", 80, 0),
        InferenceThread = new RealtimeSettings("lp-inference", 60, 1),
        Pacing = pacing,
        StopAfterFrames = frames,
        LockMemory = false,
    };

    /// <summary>Runs the driver until it stops by itself; <paramref name="watch"/> sees the counters now and then.</summary>
    public LiveDriver Run(LiveDriverSettings settings, TimeSpan timeout, Action<LiveCounters>? watch = null)
    {
        LiveDriver driver = LiveDriver.Start(Engine, Stream, Codec.Hop, settings, Warnings.Add);
        DateTime deadline = DateTime.UtcNow + timeout;
        while (driver.AudioRunning && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            watch?.Invoke(driver.ReadCounters());
        }

        bool finished = !driver.AudioRunning;
        driver.Stop();
        Assert.True(finished, $"the audio thread was still running after {timeout}");
        return driver;
    }

    /// <summary>What render makes of the same input and settings with the same model (aligned: it lines up with the input).</summary>
    public float[] Render() => RenderJob.Run(Model, [Input], new RenderSettings { Parameters = Parameters }).Channels[0];

    public float[] ReadOutput() => _files.ReadOutput();

    public void Dispose()
    {
        Stream.Dispose();
        _alsa.Dispose();
        _files.Dispose();
        _opened.Dispose();
    }
}
