using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Analysis;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// Renders the two bundled demo clips through a model exactly as <c>render</c> does (the same
/// <see cref="RenderJob"/>, codec source and resampler) and measures what a player hears: a buzz locked to
/// the hop (periodic-artefact share, input against output, with the chance level), loudness following,
/// pitch following on the monophonic riff and chroma on the guitar riff. The measures are
/// <c>LatentPlayground.Core.Analysis</c>, the same definitions as <c>lpexport.quality</c> and
/// <c>lpexport.evaluate</c> in Python.
/// <para>
/// The latent is left untouched, so the figures are the model's own reconstruction and not the effect's
/// modulation: mod=off (no noise modulators added to z), mode=none (z is not clipped, wrapped or folded);
/// offsets and deviation stay at their default 0. drywet=100 so only the model is heard; align=on so the
/// output is shifted back by the engine's reported latency and lines up with the input frame for frame,
/// as the measures compare them; limiter=on because it is what a player hears (a -1 dB peak ceiling that
/// only scales loud peaks and adds no comb). An imported model's own noise is drawn with render's
/// default seed, so the figures are reproducible.
/// </para>
/// Thread: main (not real-time; it allocates freely).
/// </summary>
public static class ModelQuality
{
    /// <summary>The engine settings of the renders, applied on the defaults as render's --set.</summary>
    public static IReadOnlyList<string> Settings { get; } = ["mod=off", "mode=none", "drywet=100", "limiter=on", "align=on"];

    /// <summary>Longest lag searched when aligning the output to the input by loudness.</summary>
    public const double MaxLagSeconds = LoudnessFollowing.DefaultMaxLagSeconds;

    public const string MonophonicClip = "mono-riff.wav";

    public const string PolyphonicClip = "guitar-riff.wav";

    /// <summary>Where the bundled clips are: <c>Assets/demo</c> next to the executable.</summary>
    public static string ClipFolder => Path.Combine(AppContext.BaseDirectory, "Assets", "demo");

    /// <param name="codecs">Opens the model as render does.</param>
    /// <param name="package">The model, already loaded and checked.</param>
    /// <param name="precision">"int8", "fp32", or null for the package's best.</param>
    public static ModelQualityReport Measure(ICodecSource codecs, Inference.ModelPackage package, string? precision)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(package);
        RenderSettings settings = RenderCommand.BuildSettings(null, null, Settings, null);
        using OpenedCodec opened = codecs.Open(package.Folder, precision, ModelNoise.Default);
        var clips = new List<ClipQuality>
        {
            MeasureClip(opened, settings, MonophonicClip, "monophonic Karplus-Strong riff", pitch: true),
            MeasureClip(opened, settings, PolyphonicClip, "the demo riff", pitch: false),
        };

        return new ModelQualityReport(package.Name, opened.Description, opened.Codec.SampleRate, opened.Codec.Hop, Settings, MaxLagSeconds, clips);
    }

    private static ClipQuality MeasureClip(OpenedCodec opened, RenderSettings settings, string clip, string description, bool pitch)
    {
        int rate = opened.Codec.SampleRate;
        int hop = opened.Codec.Hop;
        WavAudio audio = ReadClip(Path.Combine(ClipFolder, clip));
        float[] input = RenderCommand.Resample([Mono(audio)], audio.SampleRate, rate)[0];
        float[] output = RenderJob.Run(opened.Codec, [input], settings).Channels[0];

        LoudnessFollowingResult loudness = LoudnessFollowing.Measure(input, output, rate, MaxLagSeconds);
        ReadOnlySpan<float> aligned = output.AsSpan(loudness.LagSamples);
        return new ClipQuality(
            clip,
            description,
            audio.Duration.TotalSeconds,
            audio.SampleRate,
            PeriodicShare.Measure(input, rate, hop),
            PeriodicShare.Measure(output, rate, hop),
            loudness,
            pitch ? PitchFollowing.Measure(input, aligned, rate) : null,
            pitch ? null : Chroma.Measure(input, aligned, rate));
    }

    private static float[] Mono(WavAudio audio)
    {
        if (audio.Channels == 1)
        {
            return audio.Samples[0];
        }

        var mono = new float[audio.Frames];
        foreach (float[] channel in audio.Samples)
        {
            for (int i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i] / audio.Channels;
            }
        }

        return mono;
    }

    private static WavAudio ReadClip(string path)
    {
        try
        {
            WavAudio audio = WavReader.Read(path);
            return audio.Frames > 0 ? audio : throw new UsageException($"{path}: the bundled clip has no audio");
        }
        catch (WavFileException e)
        {
            throw new UsageException($"{e.Message} (a bundled clip: --quality needs Assets/demo next to the program)", e);
        }
    }
}
