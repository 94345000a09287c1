using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Xy;

/// <summary>
/// The reference device's Control module: collected points (ADD, UPDATE, DELETE, RESET), each an XY position with
/// the chosen parameters' values there, and the network trained on them that PREDICT runs. The mapped parameters
/// follow the chosen groups and only the model's existing latent dimensions (an imported model of four dimensions
/// maps offsets 1-4, not 8). Values travel through the network normalised to each parameter's range and come back
/// coerced by the parameter table, so a seed or a note value snaps to a valid one.
/// Thread: the control thread (collecting, adopting a trained network); <see cref="Train"/> on a worker, on a copy
/// of the points; <see cref="Predict"/> on one thread at a time, allocation-free.
/// </summary>
public sealed class XyMapping
{
    /// <summary>Points a mapping holds at most: the reference collects about ten; past this a map is a preset bank.</summary>
    public const int MaxPoints = 64;

    private readonly List<XyMapPoint> _points = [];
    private readonly ParameterId[] _parameters;
    private readonly double[] _normalised;

    /// <param name="groups">What the mapping drives.</param>
    /// <param name="dimensions">The model's latent dimensions the modulators move (1..8).</param>
    public XyMapping(XyGroups groups, int dimensions = DimensionParameters.Count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, DimensionParameters.Count);
        if (groups == XyGroups.None)
        {
            throw new ArgumentException("an XY mapping needs at least one group (seed, scale, offset, time)", nameof(groups));
        }

        Groups = groups;
        Dimensions = dimensions;
        var ids = new List<ParameterId>();
        for (int d = 0; d < dimensions; d++)
        {
            if (groups.HasFlag(XyGroups.Seed))
            {
                ids.Add(DimensionParameters.Seed(d));
            }

            if (groups.HasFlag(XyGroups.Offset))
            {
                ids.Add(DimensionParameters.Offset(d));
            }

            if (groups.HasFlag(XyGroups.Time))
            {
                ids.Add(DimensionParameters.Time(d));
                ids.Add(DimensionParameters.TimeMs(d));
            }
        }

        if (groups.HasFlag(XyGroups.Scale))
        {
            ids.Add(ParameterId.Scale);
        }

        _parameters = [.. ids];
        _normalised = new double[_parameters.Length];
    }

    public XyGroups Groups { get; }

    public int Dimensions { get; }

    /// <summary>The parameters the mapping drives, in the network's output order.</summary>
    public IReadOnlyList<ParameterId> Parameters => _parameters;

    public IReadOnlyList<XyMapPoint> Points => _points;

    /// <summary>The network PREDICT runs; null until trained (and after any change to the points).</summary>
    public XyNetwork? Network { get; private set; }

    /// <summary>The trained network's final loss (mean squared error on normalised values); null when untrained.</summary>
    public double? Loss { get; private set; }

    /// <summary>
    /// A copy sharing nothing mutable with this one (the points are immutable records; the network is copied), for a
    /// worker to train on or a writer to save while the control thread goes on editing this one.
    /// </summary>
    public XyMapping Clone()
    {
        var copy = new XyMapping(Groups, Dimensions);
        copy._points.AddRange(_points);
        if (Network is XyNetwork network)
        {
            copy.Network = XyNetwork.FromWeights(network.Outputs, network.Hidden, network.Seed, network.Weights);
            copy.Loss = Loss;
        }

        return copy;
    }

    /// <summary>ADD: a point at (<paramref name="x"/>, <paramref name="y"/>) with the mapped parameters as they are now.</summary>
    public void Add(double x, double y, ParameterSet current)
    {
        EnsureRoom();
        _points.Add(Snapshot(x, y, current));
        Untrain();
    }

    /// <summary>Adds a point with its values given (a loaded file); they are coerced into each parameter's range.</summary>
    public void Add(XyMapPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Values.Count != _parameters.Length)
        {
            throw new ArgumentException($"a point holds {point.Values.Count} values; this mapping drives {_parameters.Length}", nameof(point));
        }

        EnsureRoom();
        _points.Add(new XyMapPoint(Math.Clamp(point.X, 0, 1), Math.Clamp(point.Y, 0, 1),
            [.. point.Values.Select((v, i) => ParameterTable.Get(_parameters[i]).Coerce(v))]));
        Untrain();
    }

    /// <summary>UPDATE: point <paramref name="index"/> moves to (<paramref name="x"/>, <paramref name="y"/>) with the values as they are now.</summary>
    public void Update(int index, double x, double y, ParameterSet current)
    {
        _points[index] = Snapshot(x, y, current);
        Untrain();
    }

    /// <summary>DELETE: removes point <paramref name="index"/>.</summary>
    public void Delete(int index)
    {
        _points.RemoveAt(index);
        Untrain();
    }

    /// <summary>RESET: no points, no network.</summary>
    public void Reset()
    {
        _points.Clear();
        Untrain();
    }

    /// <summary>
    /// TRAIN, on a worker: fits a new network to the points (a copy taken now), with <paramref name="seed"/>.
    /// The caller adopts the result on the control thread (<see cref="Adopt"/>).
    /// </summary>
    public XyTrainingResult Train(uint seed = 0, int epochs = 3000, Action<int, double>? progress = null, CancellationToken cancel = default)
    {
        XyPoint[] points = [.. _points.Select(p => new XyPoint(p.X, p.Y, [.. p.Values.Select((v, i) => ParameterTable.Get(_parameters[i]).ToNormalized(v))]))];
        if (points.Length == 0)
        {
            throw new InvalidOperationException("add a point first: there is nothing to train on");
        }

        return new XyNetwork(_parameters.Length, seed: seed).Train(points, epochs, progress: progress, cancel: cancel);
    }

    /// <summary>Takes a trained network (made from these points, or loaded with them).</summary>
    public void Adopt(XyNetwork network, double? loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Outputs != _parameters.Length)
        {
            throw new ArgumentException($"the network maps {network.Outputs} values; this mapping drives {_parameters.Length}", nameof(network));
        }

        Network = network;
        Loss = loss;
    }

    /// <summary>
    /// PREDICT: the mapped parameters' values at (<paramref name="x"/>, <paramref name="y"/>), in their units, snapped
    /// where the parameter is whole or a choice. False (and nothing written) while untrained. Allocation-free.
    /// </summary>
    public bool Predict(double x, double y, Span<double> values)
    {
        if (Network is not XyNetwork network)
        {
            return false;
        }

        network.Predict(Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1), _normalised);
        for (int i = 0; i < _parameters.Length; i++)
        {
            values[i] = ParameterTable.Get(_parameters[i]).FromNormalized(_normalised[i]);
        }

        return true;
    }

    private XyMapPoint Snapshot(double x, double y, ParameterSet current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new XyMapPoint(Math.Clamp(x, 0, 1), Math.Clamp(y, 0, 1), [.. _parameters.Select(id => current[id])]);
    }

    private void EnsureRoom()
    {
        if (_points.Count >= MaxPoints)
        {
            throw new InvalidOperationException($"the mapping holds {MaxPoints} points, its most; delete one first");
        }
    }

    private void Untrain()
    {
        Network = null;
        Loss = null;
    }
}
