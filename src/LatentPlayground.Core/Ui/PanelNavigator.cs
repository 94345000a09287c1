using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// The encoder's menu. Turning moves the page (page level), the cursor (row level) or the selected value
/// (edit level); push goes in: page → rows → edit, and on an action row fires it; a long push comes out:
/// edit → rows → page → home. On the XY page ADD, UPDATE, DELETE, TRAIN and RESET are pushes; the point and the
/// groups are edited by turns like any setting. Moves the cursor in the <see cref="PanelView"/> and answers what
/// the control side must do. Thread: the control thread.
/// </summary>
public sealed class PanelNavigator(PanelLayout layout)
{
    /// <summary>Rows a list page shows at once.</summary>
    public const int VisibleRows = 6;

    public PanelLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>The row under the cursor, when the page has rows.</summary>
    public PanelRow? Selected(PanelView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        IReadOnlyList<PanelRow> rows = Layout.Rows(view.Page);
        return rows.Count == 0 ? null : rows[Math.Clamp(view.Row, 0, rows.Count - 1)];
    }

    /// <summary>One detent: <paramref name="direction"/> ±1 for menus, <paramref name="step"/> the accelerated step for values.</summary>
    public PanelCommand Turn(PanelView view, int direction, int step)
    {
        ArgumentNullException.ThrowIfNull(view);
        IReadOnlyList<PanelRow> rows = Layout.Rows(view.Page);
        switch (view.Level)
        {
            case PanelLevel.Page:
                ShowPage(view, (PanelPage)(((int)view.Page + direction + PanelPages.Count) % PanelPages.Count));
                return PanelCommand.None;
            case PanelLevel.Row:
                view.Row = Math.Clamp(view.Row + direction, 0, Math.Max(0, rows.Count - 1));
                Scroll(view);
                return PanelCommand.None;
            default:
                if (Selected(view) is not PanelRow row)
                {
                    return PanelCommand.None;
                }

                if (row.Kind == PanelRowKind.Setting)
                {
                    return new PanelCommand(PanelCommandKind.ChangeSetting, Setting: row.Setting, Step: step);
                }

                ParameterDescriptor d = ParameterTable.Get(row.Parameter);
                double next = ParameterStepper.Step(d, view.Values[row.Parameter], step);
                return next == view.Values[row.Parameter] ? PanelCommand.None : new PanelCommand(PanelCommandKind.SetParameter, row.Parameter, next);
        }
    }

    /// <summary>A short push of the encoder.</summary>
    public PanelCommand Push(PanelView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        switch (view.Level)
        {
            case PanelLevel.Page:
                if (Layout.Rows(view.Page).Count > 0)
                {
                    view.Level = PanelLevel.Row;
                }

                return PanelCommand.None;
            case PanelLevel.Row:
                if (Selected(view) is not PanelRow row)
                {
                    return PanelCommand.None;
                }

                // Pushes act at once rather than edit. The read-only rows (a layer's statistics, the XY loss) are
                // here too: a push reaches the control side, which ignores it, and the cursor stays on the row.
                if (row.Kind == PanelRowKind.Setting && row.Setting is PanelSetting.MidiLearn or PanelSetting.ExpressionCalibration
                    or PanelSetting.BendSet or PanelSetting.BendRecall or PanelSetting.BendRevert or PanelSetting.BendReload or PanelSetting.BendStatistics or PanelSetting.LoopPosition
                    or PanelSetting.XyAdd or PanelSetting.XyUpdate or PanelSetting.XyDelete or PanelSetting.XyTrain or PanelSetting.XyLoss or PanelSetting.XyReset)
                {
                    return new PanelCommand(PanelCommandKind.PushSetting, Setting: row.Setting);
                }

                if (row.Kind == PanelRowKind.Parameter && ParameterTable.Get(row.Parameter).Kind == ParameterKind.Action)
                {
                    return new PanelCommand(PanelCommandKind.FireAction, row.Parameter, 1);
                }

                view.Level = PanelLevel.Edit;
                return PanelCommand.None;
            default:
                view.Level = PanelLevel.Row;
                return Selected(view) is { Kind: PanelRowKind.Setting, Setting: PanelSetting.Model }
                    ? new PanelCommand(PanelCommandKind.CommitSetting, Setting: PanelSetting.Model)
                    : PanelCommand.None;
        }
    }

    /// <summary>A long push: one level out; from the page level, straight to home.</summary>
    public static void Back(PanelView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        switch (view.Level)
        {
            case PanelLevel.Edit:
                view.Level = PanelLevel.Row;
                break;
            case PanelLevel.Row:
                view.Level = PanelLevel.Page;
                break;
            default:
                ShowPage(view, PanelPage.Home);
                break;
        }
    }

    /// <summary>Shows <paramref name="page"/> at the page level with the cursor on its first row.</summary>
    public static void ShowPage(PanelView view, PanelPage page)
    {
        ArgumentNullException.ThrowIfNull(view);
        view.Page = page;
        view.Row = 0;
        view.Top = 0;
        view.Level = PanelLevel.Page;
    }

    private static void Scroll(PanelView view)
    {
        if (view.Row < view.Top)
        {
            view.Top = view.Row;
        }
        else if (view.Row >= view.Top + VisibleRows)
        {
            view.Top = view.Row - VisibleRows + 1;
        }
    }
}
