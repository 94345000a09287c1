using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Render;

/// <summary>
/// XY predict at each latent frame of a render: the position at the hop's first sample, the mapping's prediction
/// there, and a change posted to the engine for each predicted value that differs from the last one posted, so the
/// hop stage glides offsets and scale as it does for a knob. Sized in the constructor; <see cref="Post"/> allocates
/// nothing. Thread: the render loop (the mapping's <see cref="XyMapping.Predict"/> is one thread at a time).
/// </summary>
public sealed class XyHopPredictor
{
    private readonly XyMapping _mapping;
    private readonly XyPath? _path;
    private readonly double _x;
    private readonly double _y;
    private readonly ParameterId[] _ids;
    private readonly double[] _values;
    private readonly double[] _posted;

    /// <param name="mapping">A trained mapping.</param>
    /// <param name="path">Where the position goes over time, or null to hold (<paramref name="x"/>, <paramref name="y"/>).</param>
    /// <param name="x">The position's x without a path.</param>
    /// <param name="y">The position's y without a path, or with one that has no y column.</param>
    public XyHopPredictor(XyMapping mapping, XyPath? path, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Network is null)
        {
            throw new ArgumentException("the mapping is not trained", nameof(mapping));
        }

        _mapping = mapping;
        _path = path;
        _x = x;
        _y = y;
        _ids = [.. mapping.Parameters];
        _values = new double[_ids.Length];
        _posted = new double[_ids.Length];
        Array.Fill(_posted, double.NaN);
    }

    /// <summary>The values predicted by the last <see cref="Post"/>, in <see cref="XyMapping.Parameters"/> order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Predicts at <paramref name="seconds"/> into the input and posts what changed. Allocation-free.</summary>
    public void Post(OfflineEngine engine, double seconds)
    {
        ArgumentNullException.ThrowIfNull(engine);
        double x = _x, y = _y;
        _path?.At(seconds, ref x, ref y);
        _ = _mapping.Predict(x, y, _values);
        for (int i = 0; i < _values.Length; i++)
        {
            // NaN at the start: the first call posts every value.
            if (_values[i] != _posted[i])
            {
                if (!engine.Post(new ParameterChange(_ids[i], _values[i])))
                {
                    throw new InvalidOperationException("the engine's inbox is full: the render loop must process between hops");
                }

                _posted[i] = _values[i];
            }
        }
    }
}
