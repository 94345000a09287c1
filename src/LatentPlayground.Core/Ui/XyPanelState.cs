namespace LatentPlayground.Core.Ui;

/// <summary>
/// What the XY page shows besides its parameter rows (mode, X, Y come from the values): the mapping's points as
/// dots, the one selected, the groups mapped, and training: its progress while it runs, the final loss once done.
/// Filled by the control side from its XY mapping; the renderer only reads it. Sized for
/// <see cref="Xy.XyMapping.MaxPoints"/> points once, so filling it allocates nothing.
/// Thread: the control thread.
/// </summary>
public sealed class XyPanelState
{
    private readonly double[] _x = new double[Xy.XyMapping.MaxPoints];
    private readonly double[] _y = new double[Xy.XyMapping.MaxPoints];

    /// <summary>Points held (at most <see cref="Xy.XyMapping.MaxPoints"/>).</summary>
    public int Count { get; private set; }

    /// <summary>The point selected, 0-based; -1 for none.</summary>
    public int Selected { get; set; } = -1;

    /// <summary>The groups mapped, as the row shows them: S(eed) C (scale) O(ffset) T(ime), '-' for one left out.</summary>
    public Xy.XyGroups Groups { get; set; } = Xy.XyGroups.All;

    /// <summary>True while the network trains on a worker.</summary>
    public bool Training { get; set; }

    /// <summary>While training, 0..1 of the epochs done.</summary>
    public double Progress { get; set; }

    /// <summary>The trained network's final loss; null when untrained (no network, or points changed since).</summary>
    public double? Loss { get; set; }

    /// <summary>True while a first push of RESET waits for the second.</summary>
    public bool ResetArmed { get; set; }

    /// <summary>Point <paramref name="index"/>'s X (0..1).</summary>
    public double X(int index) => _x[index];

    /// <summary>Point <paramref name="index"/>'s Y (0..1, up).</summary>
    public double Y(int index) => _y[index];

    /// <summary>Takes the points' positions, in order. Allocation-free.</summary>
    public void SetPoints(IReadOnlyList<Xy.XyMapPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Count = Math.Min(points.Count, _x.Length);
        for (int i = 0; i < Count; i++)
        {
            _x[i] = points[i].X;
            _y[i] = points[i].Y;
        }
    }
}
