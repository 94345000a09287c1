using System.Runtime.CompilerServices;

namespace LatentPlayground.Core.Bending;

/// <summary>
/// Derives a bent layer from its pristine weights, one <see cref="BendStep"/> at a time. Always from the
/// pristine copy, never from the previous result, so that a knob sweeping SCALE or CHAOS re-derives the
/// layer once per hop and lands on the same bits whatever path the knob took.
/// <para><b>Operations.</b> On each touched weight w:</para>
/// <list type="bullet">
/// <item>FLIP: −w, an exact negation (only the sign bit changes).</item>
/// <item>SCALE: w × (float)<see cref="BendStep.Scale"/>, one float multiplication, so exact to IEEE rounding.</item>
/// <item>
/// DISTRIBUTION: the layer's mean μ and standard deviation σ are measured on the input
/// (<see cref="LayerStatistics"/>), a draw d = μ + σ·z is taken with z a standardised variate of the chosen
/// law (rounded to float, so that draws cached in a <see cref="BendDraws"/> give the same bits), and the weight becomes μ + g_w·(w − μ) + g_d·(d − μ) with g_w = (1 − c)/r, g_d = c/r and
/// r = √((1 − c)² + c²), c being CHAOS. The gains are those of a linear crossfade rescaled so that
/// g_w² + g_d² = 1: an equal-power blend. A plain linear blend (1 − c)·w + c·d would, for a draw
/// independent of w, shrink the layer's spread to 71 % at c = ½ and so make the middle of the knob a
/// quieter, duller version of both ends; with these gains the spread stays σ all the way and CHAOS only
/// trades learned pattern for randomness. At c = 0 the layer is copied bit for bit; at c = 1, g_w = 0
/// and the touched weights are pure draws with the layer's own mean and spread and the law's shape.
/// Standardising to mean and σ rather than mapping onto min..max keeps one outlier weight from widening
/// every draw, and gives the four laws the same level so that switching law changes only the shape.
/// </item>
/// </list>
/// <para>
/// <b>AMOUNT.</b> Exactly k = round(n·amount) of the n weights are touched (nearest integer, halves up),
/// spread like a Bresenham line: with j = (i + o) mod n, weight i is touched when
/// ⌊(j + 1)·k / n⌋ &gt; ⌊j·k / n⌋. Going round the layer as a ring, touched weights are ⌊n/k⌋ or ⌈n/k⌉
/// apart, never clustered. The offset o is drawn from the seed, so different seeds touch different
/// (equally even) subsets. Untouched weights are copied bit for bit. Rounding to nearest, not down,
/// matters because n·amount is computed in double: 0.29 × 100 is 28.999…, which must give 29.
/// </para>
/// <para>
/// <b>Determinism.</b> The draws come from <see cref="BendRandom"/>, a counter-based hash of (seed,
/// weight index): the same step on the same input gives the same bits on every run and machine, and
/// changing AMOUNT does not change the draws of the weights that stay touched.
/// </para>
/// <para>
/// <b>Cost.</b> O(n), allocation-free: a copy for FLIP and SCALE, a statistics pass plus one hash (three
/// for Beta, about 2.5 and a logarithm for Gaussian) per touched weight for DISTRIBUTION. The draws do not
/// depend on CHAOS or AMOUNT, so a sweep of either can take them from a <see cref="BendDraws"/> filled
/// once, leaving a blend per weight.
/// </para>
/// Thread: any; pure. Meant for a worker thread, not for the audio or inference threads, because a layer
/// can hold millions of weights.
/// </summary>
public static class WeightBender
{
    /// <summary>
    /// Writes the bent layer to <paramref name="destination"/>. <paramref name="destination"/> may be the
    /// very same memory as <paramref name="pristine"/> (each weight is read before it is written and never
    /// again, and the statistics are taken first), which is how <see cref="Bend"/> chains steps; it must not
    /// overlap it in any other way.
    /// </summary>
    public static void Apply(in BendStep step, ReadOnlySpan<float> pristine, Span<float> destination) =>
        ApplyCore(step, pristine, null, destination);

    /// <summary>
    /// As <see cref="Apply(in BendStep, ReadOnlySpan{float}, Span{float})"/>, with the DISTRIBUTION draws
    /// read from <paramref name="draws"/> instead of computed: same bits, a fraction of the time, for a knob
    /// sweeping CHAOS or AMOUNT. <paramref name="draws"/> must hold the step's law and seed for this layer
    /// size (<see cref="BendDraws.Fill"/>); FLIP and SCALE ignore it.
    /// </summary>
    public static void Apply(in BendStep step, ReadOnlySpan<float> pristine, BendDraws draws, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (step.Operation == BendOperation.Distribution && !draws.Match(step, pristine.Length))
        {
            throw new ArgumentException(
                $"The draws are {(draws.IsFilled ? $"{draws.Distribution}, seed {draws.Seed}, {draws.Count} weights" : "not filled")}; " +
                $"the step needs {step.Distribution}, seed {step.Seed}, {pristine.Length} weights.",
                nameof(draws));
        }

        ApplyCore(step, pristine, draws, destination);
    }

    private static void ApplyCore(in BendStep step, ReadOnlySpan<float> pristine, BendDraws? draws, Span<float> destination)
    {
        if (destination.Length != pristine.Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} weights and the pristine layer {pristine.Length}; they must match.",
                nameof(destination));
        }

        if (pristine.Overlaps(destination, out int elementOffset) && elementOffset != 0)
        {
            throw new ArgumentException("The destination overlaps the pristine layer without being the same memory.", nameof(destination));
        }

        if (step.LayerName.Length == 0)
        {
            throw new ArgumentException("The step is default (no layer): build it with a constructor.", nameof(step));
        }

        long n = pristine.Length;
        long k = TouchedCount(n, step.Amount);
        if (k == 0 || (step.Operation == BendOperation.Distribution && step.Chaos == 0.0))
        {
            pristine.CopyTo(destination);
            return;
        }

        ulong key = BendRandom.Key(step.Seed);
        long offset = BendRandom.Offset(key, n);
        switch (step.Operation)
        {
            case BendOperation.Flip:
                Run(new FlipOp(), pristine, destination, k, offset);
                break;
            case BendOperation.Scale:
                Run(new ScaleOp((float)step.Scale), pristine, destination, k, offset);
                break;
            default:
                var blend = new Blend(step.Chaos, LayerStatistics.Of(pristine));
                if (draws is null)
                {
                    Run(new DrawOp(step.Distribution, key, blend), pristine, destination, k, offset);
                }
                else
                {
                    Run(new CachedDrawOp(draws.Array, blend), pristine, destination, k, offset);
                }

                break;
        }
    }

    /// <summary>How many of <paramref name="count"/> weights AMOUNT touches: round(count·amount), halves up.</summary>
    public static long TouchedCount(long count, double amount) =>
        Math.Clamp((long)Math.Round(count * amount, MidpointRounding.AwayFromZero), 0L, count);

    /// <summary>
    /// The Bresenham walk. r is j·k mod n for the current ring position j = (i + o) mod n: the line
    /// ⌊j·k/n⌋ steps up between j and j + 1 exactly when r + k reaches n. When j wraps from n − 1 to 0,
    /// r is n·k mod n = 0 by the same recurrence, so one loop over i covers the ring.
    /// </summary>
    private static void Run<TOp>(TOp op, ReadOnlySpan<float> pristine, Span<float> destination, long k, long offset)
        where TOp : struct, IWeightOp
    {
        long n = pristine.Length;
        long r = offset * k % n; // both below 2^31 (a span's length), so the product fits
        for (int i = 0; i < pristine.Length; i++)
        {
            float w = pristine[i];
            r += k;
            if (r >= n)
            {
                r -= n;
                destination[i] = op.Bend(w, i);
            }
            else
            {
                destination[i] = w;
            }
        }
    }

    // Struct operations: the JIT compiles Run once per operation with the call inlined, so the dispatch
    // costs nothing per weight.
    private interface IWeightOp
    {
        float Bend(float w, int index);
    }

    private readonly struct FlipOp : IWeightOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Bend(float w, int index) => -w;
    }

    private readonly struct ScaleOp(float factor) : IWeightOp
    {
        private readonly float _factor = factor;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Bend(float w, int index) => w * _factor;
    }

    /// <summary>The equal-power blend of a learned weight and a standardised draw.</summary>
    private readonly struct Blend
    {
        private readonly double _mean;
        private readonly double _keepGain;
        private readonly double _drawGain;

        public Blend(double chaos, in LayerStatistics statistics)
        {
            _mean = statistics.Mean;
            double r = Math.Sqrt(((1.0 - chaos) * (1.0 - chaos)) + (chaos * chaos));
            _keepGain = (1.0 - chaos) / r;
            // σ folded in: g_d·(d − μ) = g_d·σ·z.
            _drawGain = chaos / r * statistics.StandardDeviation;
        }

        // z arrives rounded to float on both paths, which is what makes the cached one bit-identical.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Of(float w, float z) => (float)(_mean + (_keepGain * (w - _mean)) + (_drawGain * z));
    }

    private readonly struct DrawOp(BendDistribution law, ulong key, Blend blend) : IWeightOp
    {
        private readonly BendDistribution _law = law;
        private readonly ulong _key = key;
        private readonly Blend _blend = blend;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Bend(float w, int index) => _blend.Of(w, (float)BendRandom.Standard(_law, _key, index));
    }

    private readonly struct CachedDrawOp(float[] draws, Blend blend) : IWeightOp
    {
        private readonly float[] _draws = draws;
        private readonly Blend _blend = blend;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public float Bend(float w, int index) => _blend.Of(w, _draws[index]);
    }
}
