using System.CommandLine;
using System.Globalization;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Latents;
using LatentPlayground.Files;

namespace LatentPlayground.Latents;

/// <summary>
/// <c>render --latent-source FILE</c>, the offline audition of the latent looper: the file's latents play in
/// place of the encoder's, looped in time with the transport (<see cref="LatentLoopSource"/>), offsets and
/// modulators on top. With <c>--bpm</c> the loop fits <c>--loop-bars</c> bars (default: the whole bars nearest
/// the pattern's own length at that tempo) and restarts on the bar line from the first sample; without it the
/// transport is stopped and the pattern plays at its own rate, one frame per hop, looping.
/// Kept apart from the render command so that its diff there stays a few lines. Thread: main.
/// </summary>
public sealed class LatentSourceOptions
{
    /// <summary>4/4: the pedal's bars, as its tempo-synced loops count them.</summary>
    public const int BeatsPerBar = 4;

    public Option<string> Source { get; } = new("--latent-source")
    {
        Description = "Play this latent file (.npy or latent WAV, the model's dimensions) in place of the encoder's latent, looped in time",
        HelpName = "FILE",
    };

    public Option<int?> Bars { get; } = new("--loop-bars")
    {
        Description = "With --latent-source and --bpm: the loop's length in 4/4 bars (default: the whole bars nearest the pattern's own length)",
        HelpName = "N",
    };

    public Option<string> Tempo { get; } = new("--latent-tempo")
    {
        Description = "With --latent-source: fit (the pattern stretched to the loop at any tempo) or quantised (one frame a hop, k frames a beat at the quantised tempo 60 × rate / k nearest --bpm)",
        HelpName = "fit|quantised",
        DefaultValueFactory = _ => "fit",
    };

    /// <summary>What the loop does, once made: printed after the render succeeds (a failed render prints nothing on stdout).</summary>
    public string? Description { get; private set; }

    /// <summary>The options, to add to the command.</summary>
    public IEnumerable<Option> All
    {
        get
        {
            Tempo.AcceptOnlyFromAmong("fit", "quantised");
            return [Source, Bars, Tempo];
        }
    }

    /// <summary>The file, as an input an output must not land on.</summary>
    public NamedPath Input(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new NamedPath(result.GetValue(Source), "--latent-source");
    }

    /// <summary>
    /// Reads the file now (an input, checked before any output) and returns what makes the loop once the model is
    /// open, or null without <c>--latent-source</c>.
    /// </summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="bpm">The render's tempo, null when the transport is stopped.</param>
    public Func<IStreamingCodec, ILatentSource>? Read(ParseResult result, double? bpm)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Source) is not string path)
        {
            if (result.GetValue(Bars) is not null)
            {
                throw new UsageException("--loop-bars: needs --latent-source");
            }

            return null;
        }

        int? bars = result.GetValue(Bars);
        if (bars is < 1 or > 4096)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--loop-bars: {bars} is outside 1..4096"));
        }

        LoopTempoMode mode = result.GetValue(Tempo) == "quantised" ? LoopTempoMode.Quantised : LoopTempoMode.Fit;
        LatentArray pattern = LatentFiles.Read(path);
        return codec =>
        {
            if (pattern.Dimensions != codec.LatentSize)
            {
                throw new UsageException($"{path}: {pattern.Dimensions} latent dimensions, but the model has {codec.LatentSize}; a latent file plays only through a model of its own size");
            }

            double rate = codec.SampleRate / (double)codec.Hop;
            int loopBars = bars ?? (bpm is { } b ? LatentLoopSource.NaturalBars(pattern.Frames, rate, b, BeatsPerBar) : 1);
            var source = new LatentLoopSource(pattern, rate, loopBars * BeatsPerBar, mode);
            Description = Describe(path, source, bpm, loopBars);
            return source;
        };
    }

    private static string Describe(string path, LatentLoopSource source, double? bpm, int bars)
    {
        if (bpm is not { } b)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{path}: {source.Frames} frames looped at their own rate (no --bpm: the transport is stopped)");
        }

        int k = QuantisedTempo.FramesPerBeat(source.LatentRate, b);
        string quantised = string.Create(CultureInfo.InvariantCulture, $"nearest quantised tempo {QuantisedTempo.Bpm(source.LatentRate, k):0.00} BPM (k = {k})");
        return source.Mode == LoopTempoMode.Fit
            ? string.Create(CultureInfo.InvariantCulture, $"{path}: {source.Frames} frames fitted to {bars} bar(s) at {b:0.##} BPM, from the bar line; {quantised}")
            : string.Create(CultureInfo.InvariantCulture, $"{path}: the first {source.QuantisedFrames(b)} frames looped unresampled over {bars} bar(s), {quantised}");
    }
}
