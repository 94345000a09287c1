using LatentPlayground.Core.Dsp;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The per-sample half of the engine: safety limiter on the decoded signal, dry signal aligned with
/// the wet path (or immediate), dry/wet mix, and bypass, every change faded rather than stepped.
/// It works sample by sample, so its output does not depend on how the audio is cut into blocks.
/// Signal flow per channel:
/// <code>
/// wet  = Decode ? Limiter(decoded) : alignedDry        (limiter bypassed with its delay kept when off)
/// dry  = Align ? alignedDry : input
/// mix  = dry * (1 - drywet) + wet * drywet
/// out  = Bypass ? input : mix
/// </code>
/// Thread: the audio thread live, the render loop offline. Sized in the constructor; never allocates.
/// </summary>
public sealed class SampleStage
{
    /// <summary>Limiter look-ahead: 1.33 ms at 48 kHz, short enough to feel instant, long enough to ramp a gain change.</summary>
    public const double LimiterLookaheadSeconds = 64.0 / 48000;

    public const double LimiterReleaseSeconds = 0.08;

    /// <summary>Fade of switched settings (bypass, decode, align, limiter on/off).</summary>
    public const double SwitchFadeSeconds = 0.010;

    /// <summary>
    /// Fade to the aligned dry signal when a live hop is late, and back. Longer than a switch: the two
    /// signals can differ a lot, and a gentle fade keeps the step it adds below what either has alone.
    /// </summary>
    public const double LateFadeSeconds = 0.020;

    /// <summary>Glide of continuous settings (dry/wet, ceiling).</summary>
    public const double GlideSeconds = 0.020;

    private readonly int _channels;
    private readonly PeakLimiter _limiter;
    private readonly DelayLine _unlimited;
    private const int ChunkFrames = 256;

    private readonly float[][] _dryAlign;
    private readonly float[] _limited = new float[ChunkFrames];
    private readonly float[] _unlimitedOut = new float[ChunkFrames];
    private int _dryPos;
    private LinearRamp _dryWet;
    private LinearRamp _ceiling;
    private LinearRamp _limiterOn;
    private LinearRamp _decodeOn;
    private LinearRamp _alignOn;
    private LinearRamp _bypassOn;
    private LinearRamp _wetAvailable;
    private LinearRamp _switchOpen;

    // Frames processed since construction or reset, and the preset switch's scheduled frames: the
    // fade-out starts at _switchFadeOut, and the fade-in (with the staged settings) at _switchFadeIn.
    private long _frame;
    private long _switchFadeOut = long.MaxValue;
    private long _switchFadeIn = long.MaxValue;
    private readonly double[] _stagedTargets = new double[ParameterTable.Count];
    private bool _staged;

    /// <param name="sampleRate">Audio sample rate.</param>
    /// <param name="channels">Interleaved channels in and out (1 or 2).</param>
    /// <param name="decodedLatency">Samples from an input sample to its decoded sample arriving here (hop buffering plus the model's own latency, plus any live budget).</param>
    public SampleStage(int sampleRate, int channels, int decodedLatency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(decodedLatency);
        _channels = channels;
        int lookahead = Math.Max(1, (int)Math.Round(LimiterLookaheadSeconds * sampleRate));
        _limiter = new PeakLimiter(lookahead, LimiterReleaseSeconds * sampleRate);
        _unlimited = new DelayLine(lookahead);
        Latency = decodedLatency + lookahead;
        _dryAlign = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            _dryAlign[c] = new float[Latency];
        }

        int fade = Math.Max(1, (int)Math.Round(SwitchFadeSeconds * sampleRate));
        int glide = Math.Max(1, (int)Math.Round(GlideSeconds * sampleRate));
        _dryWet = new LinearRamp(1, glide);
        _ceiling = new LinearRamp(1, glide);
        _limiterOn = new LinearRamp(1, fade);
        _decodeOn = new LinearRamp(1, fade);
        _alignOn = new LinearRamp(1, fade);
        _bypassOn = new LinearRamp(0, fade);
        LateFadeSamples = Math.Max(1, (int)Math.Round(LateFadeSeconds * sampleRate));
        _wetAvailable = new LinearRamp(1, LateFadeSamples);
        _switchOpen = new LinearRamp(1, LateFadeSamples);
        Apply(DefaultTargets(), immediately: true);
    }

    /// <summary>Samples from an input sample to its wet sample at the output: the wet path's whole latency.</summary>
    public int Latency { get; }

    public int Channels => _channels;

    /// <summary>Samples the limiter holds back to see peaks coming.</summary>
    public int LimiterLookahead => _limiter.Lookahead;

    /// <summary>Length of the fade to dry when the wet path is late, in samples.</summary>
    public int LateFadeSamples { get; }

    /// <summary>
    /// Live engine only: says whether decoded audio will keep arriving in time. When it will not, the wet
    /// signal fades to the aligned dry signal over <see cref="LateFadeSamples"/>, and back when it returns.
    /// </summary>
    public void SetWetAvailable(bool available) => _wetAvailable.SetTarget(available ? 1 : 0);

    /// <summary>
    /// As <see cref="SetWetAvailable(bool)"/>, at once when <paramref name="immediately"/>: an engine that joins a
    /// running stream (a model swap) starts on the dry signal, not with a fade from a wet signal it never had.
    /// </summary>
    public void SetWetAvailable(bool available, bool immediately)
    {
        if (immediately)
        {
            _wetAvailable.Jump(available ? 1 : 0);
        }
        else
        {
            SetWetAvailable(available);
        }
    }

    /// <summary>
    /// True while any of the decoded signal can reach the output through the late-hop fade: it is in, or on
    /// its way in or out. False once the wet path has fully faded to dry for lateness (or started there).
    /// </summary>
    public bool WetAudible => _wetAvailable.Value > 0 || _wetAvailable.IsMoving;

    /// <summary>Frames processed since construction or <see cref="Reset"/>: the clock switches are scheduled on.</summary>
    public long Frame => _frame;

    /// <summary>True from <see cref="ScheduleSwitch"/> until its fade back to the wet signal has begun.</summary>
    public bool SwitchPending => _switchFadeIn != long.MaxValue;

    /// <summary>
    /// Schedules a glitch-free preset switch. <paramref name="firstNewFrame"/> is the frame (on
    /// <see cref="Frame"/>'s clock) at which the first decoded sample made with the new settings is passed
    /// to <see cref="Process"/>. The wet signal fades (S-shaped, <see cref="LateFadeSamples"/>) to the aligned
    /// dry signal so that it is fully faded when that sample leaves the limiter, and fades back in from
    /// there; the settings this stage uses are taken from <paramref name="targets"/> at the same moment and
    /// glide as usual. So the step between the old and the new wet signal, at the hop boundary, is never
    /// heard. The caller guarantees <paramref name="firstNewFrame"/> + the limiter look-ahead is at least
    /// a fade ahead of <see cref="Frame"/>; a later switch replaces an earlier pending one.
    /// </summary>
    public void ScheduleSwitch(long firstNewFrame, ReadOnlySpan<double> targets)
    {
        long boundary = firstNewFrame + _limiter.Lookahead;
        _switchFadeIn = Math.Max(boundary, _frame);
        _switchFadeOut = Math.Max(boundary - LateFadeSamples, _frame);
        targets.CopyTo(_stagedTargets);
        _staged = true;
    }

    /// <summary>The limiter's gain on the last sample, for a meter.</summary>
    public double LimiterGain => _limiter.Gain;

    /// <summary>
    /// Takes the settings this stage uses from <paramref name="targets"/> (indexed by <see cref="ParameterId"/>).
    /// Call at block boundaries; changes fade in over the following samples.
    /// </summary>
    public void Apply(ReadOnlySpan<double> targets, bool immediately = false)
    {
        Set(ref _dryWet, targets[(int)ParameterId.DryWet] / 100.0, immediately);
        Set(ref _ceiling, Math.Pow(10, targets[(int)ParameterId.LimiterCeiling] / 20.0), immediately);
        Set(ref _limiterOn, targets[(int)ParameterId.Limiter] >= 0.5 ? 1 : 0, immediately);
        Set(ref _decodeOn, targets[(int)ParameterId.Decode] >= 0.5 ? 1 : 0, immediately);
        Set(ref _alignOn, targets[(int)ParameterId.Align] >= 0.5 ? 1 : 0, immediately);
        Set(ref _bypassOn, targets[(int)ParameterId.Bypass] >= 0.5 ? 1 : 0, immediately);
    }

    /// <summary>Processes <paramref name="frames"/> frames.</summary>
    /// <param name="input">Interleaved input, <see cref="Channels"/> per frame.</param>
    /// <param name="decoded">Mono decoded signal, one sample per frame, <see cref="Latency"/> minus the limiter's look-ahead behind the input.</param>
    /// <param name="output">Interleaved output; may not overlap the input.</param>
    public void Process(ReadOnlySpan<float> input, ReadOnlySpan<float> decoded, Span<float> output, int frames)
    {
        for (int done = 0; done < frames;)
        {
            // Chunks end at a scheduled switch event, so the fades start on their exact frame whatever
            // the block size.
            if (_frame == _switchFadeOut)
            {
                _switchOpen.SetTarget(0);
                _switchFadeOut = long.MaxValue;
            }

            if (_frame == _switchFadeIn)
            {
                if (_staged)
                {
                    Apply(_stagedTargets);
                    _staged = false;
                }

                _switchOpen.SetTarget(1);
                _switchFadeIn = long.MaxValue;
            }

            int n = (int)Math.Min(Math.Min(ChunkFrames, frames - done), NextSwitchEvent() - _frame);
            ProcessChunk(input.Slice(done * _channels, n * _channels), decoded.Slice(done, n), output.Slice(done * _channels, n * _channels), n);
            done += n;
            _frame += n;
        }
    }

    private long NextSwitchEvent() => Math.Min(_switchFadeOut, _switchFadeIn);

    public void Reset()
    {
        _limiter.Reset();
        _unlimited.Reset();
        foreach (float[] line in _dryAlign)
        {
            Array.Clear(line);
        }

        _dryPos = 0;
        _frame = 0;
        _switchFadeOut = long.MaxValue;
        _switchFadeIn = long.MaxValue;
        _staged = false;
        _switchOpen.Jump(1);
    }

    // The limited and unlimited decoded signal first, a block at a time (the limiter's quiet blocks
    // are a plain delay), then one pass that mixes every channel. Both the steady and the fading
    // paths compute the output with the same four coefficients, so the result does not depend on
    // where a fade happens to start within a block.
    private void ProcessChunk(ReadOnlySpan<float> input, ReadOnlySpan<float> decoded, Span<float> output, int frames)
    {
        Span<float> limited = _limited.AsSpan(0, frames);
        Span<float> unlimited = _unlimitedOut.AsSpan(0, frames);
        if (_ceiling.IsMoving)
        {
            for (int f = 0; f < frames; f++)
            {
                limited[f] = _limiter.Process(decoded[f], _ceiling.Next());
            }
        }
        else
        {
            _limiter.ProcessBlock(decoded, limited, _ceiling.Value);
        }

        _unlimited.ProcessBlock(decoded, unlimited);

        bool fading = _limiterOn.IsMoving || _decodeOn.IsMoving || _alignOn.IsMoving || _dryWet.IsMoving || _bypassOn.IsMoving || _wetAvailable.IsMoving || _switchOpen.IsMoving;
        Coefficients k = fading ? default : NextCoefficients();
        int length = _dryAlign[0].Length;
        for (int f = 0; f < frames; f++)
        {
            if (fading)
            {
                k = NextCoefficients();
            }

            int frame = f * _channels;
            for (int c = 0; c < _channels; c++)
            {
                float x = input[frame + c];
                float[] line = _dryAlign[c];
                float aligned = line[_dryPos];
                line[_dryPos] = x;
                output[frame + c] = (float)((k.Input * x) + (k.Aligned * aligned) + (k.Limited * limited[f]) + (k.Unlimited * unlimited[f]));
            }

            _dryPos = _dryPos + 1 == length ? 0 : _dryPos + 1;
        }
    }

    // How much of the input, the aligned dry, the limited and the unlimited decoded signal reach the
    // output, from the switch and mix settings:
    //   wet = decode * (limiter * limited + (1 - limiter) * unlimited) + (1 - decode) * aligned
    //   dry = align * aligned + (1 - align) * input;  mix = (1 - drywet) * dry + drywet * wet
    //   out = bypass * input + (1 - bypass) * mix
    private Coefficients NextCoefficients()
    {
        double limiterOn = _limiterOn.Next();

        // The late fade is S-shaped: flat at both ends, where one signal dominates and its steepest
        // slope can come through whole, so the fade adds no step there.
        // A preset switch's dip uses the same S-shape.
        double u = _wetAvailable.Next();
        double v = _switchOpen.Next();
        double decodeOn = _decodeOn.Next() * u * u * (3 - (2 * u)) * v * v * (3 - (2 * v));
        double alignOn = _alignOn.Next();
        double dryWet = _dryWet.Next();
        double bypassOn = _bypassOn.Next();
        double through = 1 - bypassOn;
        double wet = through * dryWet;
        return new Coefficients(
            bypassOn + (through * (1 - dryWet) * (1 - alignOn)),
            through * (((1 - dryWet) * alignOn) + (dryWet * (1 - decodeOn))),
            wet * decodeOn * limiterOn,
            wet * decodeOn * (1 - limiterOn));
    }

    private static void Set(ref LinearRamp ramp, double target, bool immediately)
    {
        if (immediately)
        {
            ramp.Jump(target);
        }
        else
        {
            ramp.SetTarget(target);
        }
    }

    private static double[] DefaultTargets()
    {
        var values = new double[ParameterTable.Count];
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            values[(int)d.Id] = d.Default;
        }

        return values;
    }

    private readonly record struct Coefficients(double Input, double Aligned, double Limited, double Unlimited);
}
