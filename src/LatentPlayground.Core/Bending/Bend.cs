using System.Collections.Immutable;

namespace LatentPlayground.Core.Bending;

/// <summary>
/// A bend of a model: the list of steps made on it, in order. Stored and replayed as steps, never as
/// weights: replaying the same list on the same pristine weights gives the same bits, so a bend file
/// only needs the steps (a few hundred bytes) instead of the model's megabytes.
/// <para>
/// Steps on one layer compose in order, each applied to the result of the previous ones on that layer
/// (so a DISTRIBUTION after a SCALE measures the scaled layer's statistics). Steps on different layers
/// are independent. Equality is by the steps, in order.
/// </para>
/// Thread: any; immutable.
/// </summary>
public sealed class Bend : IEquatable<Bend>
{
    private Bend(ImmutableArray<BendStep> steps)
    {
        Steps = steps;
    }

    /// <summary>Creates a bend from its steps, in the order they are applied.</summary>
    public Bend(IEnumerable<BendStep> steps)
        : this(Validate(steps))
    {
    }

    /// <summary>The bend that changes nothing.</summary>
    public static Bend Empty { get; } = new(ImmutableArray<BendStep>.Empty);

    /// <summary>The steps, in the order they are applied.</summary>
    public ImmutableArray<BendStep> Steps { get; }

    /// <summary>A new bend with <paramref name="step"/> applied after this one's steps; this one is unchanged.</summary>
    public Bend Append(in BendStep step) => new(Steps.Add(Checked(step)));

    /// <summary>Whether any step changes the layer <paramref name="layerName"/> (names compare ordinally).</summary>
    public bool Touches(string layerName)
    {
        foreach (BendStep step in Steps)
        {
            if (string.Equals(step.LayerName, layerName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Replays the steps on layer <paramref name="layerName"/>: copies <paramref name="pristine"/> to
    /// <paramref name="destination"/> and applies the layer's steps there in order. A layer with no step
    /// comes out as a bit-for-bit copy. <paramref name="destination"/> may be the same memory as
    /// <paramref name="pristine"/>. Allocation-free.
    /// </summary>
    public void ApplyToLayer(string layerName, ReadOnlySpan<float> pristine, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(layerName);
        if (destination.Length != pristine.Length)
        {
            throw new ArgumentException(
                $"The destination holds {destination.Length} weights and the pristine layer {pristine.Length}; they must match.",
                nameof(destination));
        }

        pristine.CopyTo(destination);
        foreach (BendStep step in Steps)
        {
            if (string.Equals(step.LayerName, layerName, StringComparison.Ordinal))
            {
                WeightBender.Apply(step, destination, destination);
            }
        }
    }

    public bool Equals(Bend? other) =>
        other is not null && (ReferenceEquals(this, other) || Steps.AsSpan().SequenceEqual(other.Steps.AsSpan()));

    public override bool Equals(object? obj) => Equals(obj as Bend);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (BendStep step in Steps)
        {
            hash.Add(step);
        }

        return hash.ToHashCode();
    }

    private static ImmutableArray<BendStep> Validate(IEnumerable<BendStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ImmutableArray<BendStep> array = [.. steps];
        foreach (BendStep step in array)
        {
            Checked(step);
        }

        return array;
    }

    // default(BendStep) skips the constructor's checks and has no layer.
    private static BendStep Checked(in BendStep step) =>
        step.LayerName.Length == 0 ? throw new ArgumentException("A step is default (no layer): build it with a constructor.", nameof(step)) : step;
}
