namespace LatentPlayground.Core.Bending;

/// <summary>
/// The standardised draws (mean 0, standard deviation 1, rounded to float) of one law and one seed for
/// every weight index of a layer, computed once. The draws do not depend on CHAOS or AMOUNT, so a knob
/// sweeping either re-derives the layer through
/// <see cref="WeightBender.Apply(in BendStep, ReadOnlySpan{float}, BendDraws, Span{float})"/> with a
/// blend per weight and no random numbers: about a millisecond per million weights instead of tens. The
/// result is bit-identical to the uncached <see cref="WeightBender.Apply(in BendStep, ReadOnlySpan{float}, Span{float})"/>,
/// which rounds each draw to float the same way.
/// <para>
/// Thread: one at a time. <see cref="Fill"/> rewrites the buffer, so it must not run while an Apply reads
/// it; the owner (the bending worker) fills and applies on its own thread. Allocates only in the constructor.
/// </para>
/// </summary>
public sealed class BendDraws
{
    private readonly float[] _values;

    /// <summary>A buffer for a layer of <paramref name="count"/> weights, not yet filled.</summary>
    public BendDraws(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _values = new float[count];
    }

    /// <summary>The layer size the draws are for.</summary>
    public int Count => _values.Length;

    /// <summary>Whether <see cref="Fill"/> has run; until then no Apply accepts these draws.</summary>
    public bool IsFilled { get; private set; }

    /// <summary>The law of the last <see cref="Fill"/>.</summary>
    public BendDistribution Distribution { get; private set; }

    /// <summary>The seed of the last <see cref="Fill"/>.</summary>
    public uint Seed { get; private set; }

    /// <summary>The draws, one per weight index.</summary>
    public ReadOnlySpan<float> Values => _values;

    internal float[] Array => _values;

    /// <summary>
    /// Computes the draws of <paramref name="distribution"/> and <paramref name="seed"/> for every index.
    /// Skipped when the buffer already holds them. Allocation-free.
    /// </summary>
    public void Fill(BendDistribution distribution, uint seed)
    {
        if (distribution is not (BendDistribution.Uniform or BendDistribution.Gaussian or BendDistribution.Beta or BendDistribution.Laplace))
        {
            throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Distribution must be Uniform, Gaussian, Beta or Laplace.");
        }

        if (IsFilled && Distribution == distribution && Seed == seed)
        {
            return;
        }

        ulong key = BendRandom.Key(seed);
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = (float)BendRandom.Standard(distribution, key, i);
        }

        Distribution = distribution;
        Seed = seed;
        IsFilled = true;
    }

    /// <summary>Whether these draws are the ones <paramref name="step"/> on a layer of <paramref name="count"/> weights needs.</summary>
    internal bool Match(in BendStep step, int count) =>
        IsFilled && Distribution == step.Distribution && Seed == step.Seed && _values.Length == count;
}
