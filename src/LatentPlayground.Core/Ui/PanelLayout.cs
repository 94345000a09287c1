using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// The rows of each list page. Home is a drawn view without rows; XY's rows (mode, X, Y, the point selected, ADD,
/// UPDATE, DELETE, TRAIN, the loss, the groups mapped, RESET) sit beside its pad; bending's rows are the pending edit's
/// layer, operation and knobs, Live-Mode, the layer's statistics, and the pushes SET, RECALL, REVERT and RELOAD.
/// Every parameter of the table is on exactly one page (a test holds this).
/// Immutable; built once at start. Thread: any.
/// </summary>
public sealed class PanelLayout
{
    private readonly PanelRow[][] _rows;

    private PanelLayout(PanelRow[][] rows) => _rows = rows;

    /// <summary>The pedal's pages: modulators, offsets and settings (engine controls first, then the pedal's own).</summary>
    public static PanelLayout Default { get; } = new(BuildDefault());

    public IReadOnlyList<PanelRow> Rows(PanelPage page) => _rows[(int)page];

    /// <summary>A copy with <paramref name="rows"/> on <paramref name="page"/> (the bending and XY features add theirs).</summary>
    public PanelLayout WithRows(PanelPage page, IReadOnlyList<PanelRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var copy = (PanelRow[][])_rows.Clone();
        copy[(int)page] = [.. rows];
        return new PanelLayout(copy);
    }

    private static PanelRow[][] BuildDefault()
    {
        var modulators = new List<PanelRow>
        {
            PanelRow.Of(ParameterId.Modulation),
            PanelRow.Of(ParameterId.Basis),
            PanelRow.Of(ParameterId.Speed),
            PanelRow.Of(ParameterId.Scale),
            PanelRow.Of(ParameterId.Rate),
            PanelRow.Of(ParameterId.Mode),
            PanelRow.Of(ParameterId.Trigger),
            PanelRow.Of(ParameterId.GlobalSeed),
            PanelRow.Of(ParameterId.SeedLink),
        };
        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            modulators.Add(PanelRow.Of(DimensionParameters.Seed(d)));
        }

        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            modulators.Add(PanelRow.Of(DimensionParameters.Time(d)));
            modulators.Add(PanelRow.Of(DimensionParameters.TimeMs(d)));
        }

        modulators.Add(PanelRow.Of(ParameterId.TimeChaos));
        modulators.Add(PanelRow.Of(ParameterId.Reset));

        var offsets = new List<PanelRow>();
        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            offsets.Add(PanelRow.Of(DimensionParameters.Offset(d)));
        }

        offsets.Add(PanelRow.Of(ParameterId.Deviation));

        PanelRow[] settings =
        [
            PanelRow.Of(ParameterId.DryWet),
            PanelRow.Of(ParameterId.Encode),
            PanelRow.Of(ParameterId.Decode),
            PanelRow.Of(ParameterId.Bypass),
            PanelRow.Of(ParameterId.Freeze),
            PanelRow.Of(ParameterId.Align),
            PanelRow.Of(ParameterId.Limiter),
            PanelRow.Of(ParameterId.LimiterCeiling),
            PanelRow.Of(PanelSetting.ClockSource, "Clock"),
            PanelRow.Of(PanelSetting.Tempo, "Tempo"),
            PanelRow.Of(PanelSetting.MidiChannel, "MIDI ch"),
            PanelRow.Of(PanelSetting.MidiLearn, "Learn"),
            PanelRow.Of(PanelSetting.ExpressionCalibration, "Exp cal"),
            PanelRow.Of(PanelSetting.Model, "Model"),
        ];

        var pages = new PanelRow[PanelPages.Count][];
        pages[(int)PanelPage.Home] = [];
        pages[(int)PanelPage.Modulators] = [.. modulators];
        pages[(int)PanelPage.Offsets] = [.. offsets];
        pages[(int)PanelPage.Bending] =
        [
            PanelRow.Of(PanelSetting.BendLayer, "Layer"),
            PanelRow.Of(PanelSetting.BendOperation, "Op"),
            PanelRow.Of(PanelSetting.BendDistribution, "Law"),
            PanelRow.Of(PanelSetting.BendChaos, "Chaos"),
            PanelRow.Of(PanelSetting.BendAmount, "Amount"),
            PanelRow.Of(PanelSetting.BendScale, "Scale"),
            PanelRow.Of(PanelSetting.BendSeed, "Seed"),
            PanelRow.Of(PanelSetting.BendLive, "Live"),
            PanelRow.Of(PanelSetting.BendStatistics, "Std"),
            PanelRow.Of(PanelSetting.BendSet, "SET"),
            PanelRow.Of(PanelSetting.BendRecall, "RECALL"),
            PanelRow.Of(PanelSetting.BendRevert, "REVERT"),
            PanelRow.Of(PanelSetting.BendReload, "RELOAD"),
        ];
        pages[(int)PanelPage.Xy] =
        [
            PanelRow.Of(ParameterId.XyPredict),
            PanelRow.Of(ParameterId.XyX),
            PanelRow.Of(ParameterId.XyY),
            PanelRow.Of(PanelSetting.XyPoint, "Pt"),
            PanelRow.Of(PanelSetting.XyAdd, "ADD"),
            PanelRow.Of(PanelSetting.XyUpdate, "UPD"),
            PanelRow.Of(PanelSetting.XyDelete, "DEL"),
            PanelRow.Of(PanelSetting.XyTrain, "TRAIN"),
            PanelRow.Of(PanelSetting.XyLoss, "Loss"),
            PanelRow.Of(PanelSetting.XyGroups, "Map"),
            PanelRow.Of(PanelSetting.XyReset, "RESET"),
        ];
        pages[(int)PanelPage.Loop] =
        [
            PanelRow.Of(ParameterId.Loop),
            PanelRow.Of(PanelSetting.LoopPosition, "At"),
            PanelRow.Of(ParameterId.LoopCapture),
            PanelRow.Of(ParameterId.LoopBars),
            PanelRow.Of(ParameterId.LoopPattern),
            PanelRow.Of(ParameterId.LoopSource),
            PanelRow.Of(ParameterId.LoopAmount),
        ];
        pages[(int)PanelPage.Settings] = settings;
        return pages;
    }
}
