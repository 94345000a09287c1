using System.Globalization;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// Draws a <see cref="PanelView"/> into a <see cref="Framebuffer"/>: the home page (preset, tempo and clock,
/// bypass and freeze, eight live latent bars (a dash for dimensions the model lacks), load and late hops), the list pages (modulators, offsets, bending,
/// settings: label left, value right in the parameter table's units), the XY page (the pad with the mapping's points, the
/// selected one boxed, and X, Y as a crosshair, beside a narrower list of its rows), and a notice over any of them.
/// Allocation-free after construction, so the control thread can draw every frame.
/// Thread: the control thread.
/// </summary>
public sealed class PanelRenderer(PanelLayout layout)
{
    private const int RowHeight = 9;
    private const int FirstRowTop = 10;
    private const int ValueRight = 124;
    private const int ModelNamePixels = 88;

    // The XY pad: a bordered square left of the rows, under the title bar.
    private const int PadLeft = 0;
    private const int PadTop = FirstRowTop;
    private const int PadSize = 54;
    private const int PadMargin = 4;
    private const int PadTravel = PadSize - 1 - (2 * PadMargin);
    private const int XyRowsLeft = 56;
    private const int LossChars = 6;

    // Most precise first; the first that fits in LossChars wins.
    private static readonly string[] LargeLossFormats = ["0.0000", "0.000", "0.00", "0.0", "0", "0.0e-0", "0e-0"];
    private static readonly string[] SmallLossFormats = ["0.0e-0", "0e-0"];

    private readonly char[] _scratch = new char[64];
    private readonly char[] _value = new char[ParameterDescriptor.MaxFormattedLength];
    private readonly char[] _title = new char[24];
    private readonly char[] _loss = new char[LossChars];

    public PanelLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>Clears <paramref name="target"/> and draws the view's page on it.</summary>
    public void Render(PanelView view, Framebuffer target)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(target);
        target.Clear();
        switch (view.Page)
        {
            case PanelPage.Home:
                DrawHome(view, target);
                break;
            case PanelPage.Xy:
                DrawXy(view, target);
                break;
            default:
                DrawList(view, target);
                break;
        }

        if (view.Message is string message)
        {
            DrawMessage(target, message);
        }
    }

    private static bool BlinkOn(PanelView view) => view.Frame / 10 % 2 == 0;

    private void DrawHome(PanelView view, Framebuffer fb)
    {
        var line = new TextLine(_scratch);
        if (view.PresetNumber > 0)
        {
            line = line.Append(view.PresetNumber, "00");
        }
        else
        {
            line = line.Append("--");
        }

        line = line.Append(view.Edited ? '*' : ' ').Append(view.PresetName);
        bool bypass = view.Values.IsOn(ParameterId.Bypass);
        Text.Draw(fb, 0, 0, Text.Fit(line.Text, bypass ? 106 : 128));
        if (bypass)
        {
            Text.DrawInverted(fb, 110, 0, "BYP");
        }

        line = new TextLine(_scratch).Append(view.Bpm, "0.0").Append(" BPM ");
        int x = Text.Draw(fb, 0, 9, line.Text);
        ReadOnlySpan<char> clock = view.Clock switch
        {
            ClockDisplay.Internal => "int",
            ClockDisplay.Tap => "tap",
            ClockDisplay.MidiLocked => "midi",
            ClockDisplay.MidiWaiting => "midi?",
            _ => "LOST",
        };
        if (view.Clock == ClockDisplay.MidiLost && BlinkOn(view))
        {
            Text.DrawInverted(fb, x + 1, 9, clock);
        }
        else
        {
            Text.Draw(fb, view.Clock == ClockDisplay.MidiLost ? x + 1 : x, 9, clock);
        }

        if (view.Values.IsOn(ParameterId.Freeze))
        {
            Text.DrawInverted(fb, 110, 9, "FRZ");
        }

        const int centre = 35;
        for (int px = 0; px < Framebuffer.Width; px += 2)
        {
            fb.SetPixel(px, centre);
        }

        LatentPlayground.Core.Engine.LatentVector latent = view.Engine.Latent;
        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            int bar = 4 + (d * 15);
            if (view.Engine.HasDimension(d))
            {
                Bars.Vertical(fb, bar, 11, centre, 16, latent[d]);
            }
            else
            {
                // A model with fewer than eight dimensions: its missing ones show as a gap in the centre
                // line with a short dash, so they do not pass for a present dimension sitting at zero.
                fb.HorizontalLine(bar, bar + 10, centre, on: false);
                fb.HorizontalLine(bar + 3, bar + 7, centre);
            }
        }

        line = new TextLine(_scratch).Append("load ").Append(Math.Round(Math.Clamp(view.Engine.Load, 0, 9.99) * 100), "0").Append('%');
        Text.Draw(fb, 0, 56, line.Text);
        line = new TextLine(_scratch).Append("late ").Append(Math.Min(view.Engine.LateHops, 99999));
        Text.DrawRight(fb, 127, 56, line.Text);
    }

    private static void DrawTitle(Framebuffer fb, ReadOnlySpan<char> title, ReadOnlySpan<char> right)
    {
        fb.FillRectangle(0, 0, Framebuffer.Width, 9);
        Text.Draw(fb, 2, 1, title, on: false);
        Text.Draw(fb, 126 - Font5x7.Width(right.Length) + 1, 1, right, on: false);
    }

    private void DrawList(PanelView view, Framebuffer fb)
    {
        IReadOnlyList<PanelRow> rows = Layout.Rows(view.Page);
        DrawHeader(view, fb, rows.Count, PanelPages.Title(view.Page));
        if (rows.Count == 0)
        {
            Text.Draw(fb, 2, 20, "Nothing to bend on");
            Text.Draw(fb, 2, 29, "this firmware yet.");
            return;
        }

        DrawRows(view, fb, rows, 0);
    }

    // The inverted title bar: the page's title (in <> at the page level, where a turn changes page) and, at the
    // right, where the cursor is: the page among the pages, or the row among the page's rows.
    private void DrawHeader(PanelView view, Framebuffer fb, int rowCount, ReadOnlySpan<char> name)
    {
        var position = new TextLine(_scratch);
        position = view.Level == PanelLevel.Page || rowCount == 0
            ? position.Append((int)view.Page + 1).Append('/').Append(PanelPages.Count)
            : position.Append(view.Row + 1).Append('/').Append(rowCount);
        var title = new TextLine(_title);
        title = view.Level == PanelLevel.Page ? title.Append('<').Append(name).Append('>') : title.Append(name);
        DrawTitle(fb, title.Text, position.Text);
    }

    // The page's rows from view.Top in a column from x = left to the display's right edge: label left, value
    // right-aligned at ValueRight, the cursor's row inverted (its value only, while edited), and a scroll bar
    // in the last column when the rows do not all fit.
    private void DrawRows(PanelView view, Framebuffer fb, IReadOnlyList<PanelRow> rows, int left)
    {
        for (int i = 0; i < PanelNavigator.VisibleRows; i++)
        {
            int r = view.Top + i;
            if (r >= rows.Count)
            {
                break;
            }

            int top = FirstRowTop + (i * RowHeight);
            PanelRow row = rows[r];
            Text.Draw(fb, left + 2, top + 1, row.Label);
            ReadOnlySpan<char> value = ValueText(view, row);
            int valueLeft = Text.DrawRight(fb, ValueRight, top + 1, value);
            if (row.Kind == PanelRowKind.Parameter && row.Parameter is >= ParameterId.Offset1 and <= ParameterId.Offset8)
            {
                fb.VerticalLine(66, top + 2, top + 6);
                Bars.Horizontal(fb, top + 3, 3, 66, 18, view.Values[row.Parameter]);
            }

            if (r == view.Row && view.Level == PanelLevel.Row)
            {
                fb.InvertRectangle(left, top, ValueRight + 2 - left, RowHeight);
            }
            else if (r == view.Row && view.Level == PanelLevel.Edit)
            {
                fb.InvertRectangle(valueLeft - 2, top, ValueRight - valueLeft + 4, RowHeight);
            }
        }

        if (rows.Count > PanelNavigator.VisibleRows)
        {
            const int track = Framebuffer.Height - FirstRowTop;
            int thumb = Math.Max(4, track * PanelNavigator.VisibleRows / rows.Count);
            int y = FirstRowTop + ((track - thumb) * view.Top / (rows.Count - PanelNavigator.VisibleRows));
            fb.VerticalLine(127, y, y + thumb - 1);
        }
    }

    // Internal for the tests, which read each row's text as the player would.
    internal ReadOnlySpan<char> ValueText(PanelView view, PanelRow row)
    {
        if (row.Kind == PanelRowKind.Parameter && row.Parameter == ParameterId.XyPredict)
        {
            // The XY page's names for its two modes rather than the toggle's on/off.
            return view.Values.IsOn(ParameterId.XyPredict) ? "pred" : "map";
        }

        if (row.Kind == PanelRowKind.Parameter)
        {
            return _value.AsSpan(0, ParameterTable.Get(row.Parameter).FormatInto(view.Values[row.Parameter], _value));
        }

        var line = new TextLine(_value);
        switch (row.Setting)
        {
            case PanelSetting.ClockSource:
                line = line.Append(view.Clock switch
                {
                    ClockDisplay.Internal => "internal",
                    ClockDisplay.Tap => "tap",
                    _ => "midi",
                });
                break;
            case PanelSetting.Tempo:
                line = line.Append(view.Bpm, "0.0").Append(" BPM");
                break;
            case PanelSetting.MidiChannel:
                line = view.MidiChannel == 0 ? line.Append("omni") : line.Append(view.MidiChannel);
                break;
            case PanelSetting.MidiLearn:
                line = view.LearnTarget is ParameterId target ? line.Append(ParameterTable.Get(target).Label).Append("?") : line.Append("push");
                break;
            case PanelSetting.Model:
                // A name can be long: as much as fits right of the label.
                line = line.Append(Text.Fit(view.ModelChoice ?? (view.ModelLoading ? "loading" : view.ModelName), ModelNamePixels));
                break;
            case PanelSetting.BendLayer:
                line = line.Append(Text.Fit(view.Bend.Layer.Length == 0 ? "turn to start" : ShortLayer(view.Bend.Layer), ModelNamePixels));
                break;
            case PanelSetting.BendOperation:
                line = line.Append(view.Bend.Operation);
                break;
            case PanelSetting.BendDistribution:
                line = line.Append(view.Bend.Distribution);
                break;
            case PanelSetting.BendChaos:
                line = line.Append(view.Bend.Chaos * 100, "0").Append(" %");
                break;
            case PanelSetting.BendAmount:
                line = line.Append(view.Bend.Amount * 100, "0").Append(" %");
                break;
            case PanelSetting.BendScale:
                line = line.Append("x").Append(view.Bend.Scale, "0.00");
                break;
            case PanelSetting.BendSeed:
                line = line.Append((int)view.Bend.Seed);
                break;
            case PanelSetting.BendLive:
                line = line.Append(view.Bend.Live ? "on" : "off");
                break;
            case PanelSetting.BendStatistics:
                line = line.Append(view.Bend.StdBefore, "0.000").Append(">").Append(view.Bend.StdAfter, "0.000");
                break;
            case PanelSetting.BendSet:
                line = line.Append(view.Bend.State);
                break;
            case PanelSetting.BendRecall:
                line = line.Append(view.Bend.Sets).Append(" set");
                break;
            case PanelSetting.BendRevert or PanelSetting.BendReload:
                line = line.Append("push");
                break;
            case PanelSetting.LoopPosition:
                // "1.5/2": the bar the loop is in (from 1) of its length; "empty" before a capture, "ready" while off.
                line = !view.Loop.HasMaterial ? line.Append("empty")
                    : !view.Loop.Playing ? line.Append("ready")
                    : line.Append(1 + (Math.Clamp(view.Loop.Phase, 0, 0.999) * view.Loop.Bars), "0.0").Append('/').Append((int)Math.Round(view.Loop.Bars));
                break;
            case PanelSetting.XyPoint:
                line = HasSelection(view.Xy) ? line.Append(view.Xy.Selected + 1).Append('/').Append(view.Xy.Count) : line.Append("--");
                break;
            case PanelSetting.XyAdd:
                line = view.Xy.Count >= Xy.XyMapping.MaxPoints ? line.Append("full") : line.Append(view.Xy.Count);
                break;
            case PanelSetting.XyUpdate or PanelSetting.XyDelete:
                line = line.Append(HasSelection(view.Xy) ? "push" : "--");
                break;
            case PanelSetting.XyTrain:
                line = view.Xy.Training
                    ? line.Append(Percent(view.Xy.Progress), "0").Append('%')
                    : line.Append(view.Xy.Loss is null ? "push" : "done");
                break;
            case PanelSetting.XyLoss:
                line = view.Xy.Loss is double loss ? AppendLoss(line, loss) : line.Append("--");
                break;
            case PanelSetting.XyGroups:
                // Masks, not HasFlag, which boxes where the JIT does not optimise (a Debug build's tests).
                Xy.XyGroups groups = view.Xy.Groups;
                line = line.Append((groups & Xy.XyGroups.Seed) != 0 ? 'S' : '-')
                    .Append((groups & Xy.XyGroups.Scale) != 0 ? 'C' : '-')
                    .Append((groups & Xy.XyGroups.Offset) != 0 ? 'O' : '-')
                    .Append((groups & Xy.XyGroups.Time) != 0 ? 'T' : '-');
                break;
            case PanelSetting.XyReset:
                line = line.Append(view.Xy.ResetArmed ? "again?" : "push");
                break;
            default:
                line = line.Append(view.ExpressionCalibrating ? "rock+push" : "push");
                break;
        }

        return line.Text;
    }

    // "decoder:decoder.net.layers.2.weight" → "d net.2.w": the graph's initial, no repeated prefix, short suffix.
    private static ReadOnlySpan<char> ShortLayer(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        ReadOnlySpan<char> rest = colon < 0 ? name : name.AsSpan(colon + 1);
        int dot = rest.LastIndexOf('.');
        return dot > 0 && rest.Length - dot > 2 ? rest[..(dot + 2)] : rest;
    }

    private void DrawXy(PanelView view, Framebuffer fb)
    {
        IReadOnlyList<PanelRow> rows = Layout.Rows(PanelPage.Xy);
        DrawHeader(view, fb, rows.Count, view.Values.IsOn(ParameterId.XyPredict) ? "XY PREDICT" : "XY MAP");
        fb.Rectangle(PadLeft, PadTop, PadSize, PadSize);

        // Ticks halfway along each side: the pad's centre, without a grid to hide the points.
        int mid = PadX(0.5), middle = PadY(0.5);
        fb.HorizontalLine(PadLeft + 1, PadLeft + 2, middle);
        fb.HorizontalLine(PadLeft + PadSize - 3, PadLeft + PadSize - 2, middle);
        fb.VerticalLine(mid, PadTop + 1, PadTop + 2);
        fb.VerticalLine(mid, PadTop + PadSize - 3, PadTop + PadSize - 2);

        XyPanelState xy = view.Xy;
        for (int i = 0; i < xy.Count; i++)
        {
            if (i != xy.Selected)
            {
                PadPixels(fb, PadX(xy.X(i)), PadY(xy.Y(i)), 0, 0, 1, 1);
            }
        }

        // The selected point, drawn last so a neighbour's dot cannot fill it in: a box round a lit centre.
        if (HasSelection(xy))
        {
            int sx = PadX(xy.X(xy.Selected)), sy = PadY(xy.Y(xy.Selected));
            PadPixels(fb, sx, sy, -2, -2, 2, -2);
            PadPixels(fb, sx, sy, -2, 2, 2, 2);
            PadPixels(fb, sx, sy, -2, -1, -2, 1);
            PadPixels(fb, sx, sy, 2, -1, 2, 1);
            PadPixels(fb, sx, sy, 0, 0, 0, 0);
        }

        // Where X and Y are: four arms round an open centre, so a point under it still shows, and over the
        // selected box the arms stick out of its sides like a sight.
        int x = PadX(view.Values[ParameterId.XyX]), y = PadY(view.Values[ParameterId.XyY]);
        PadPixels(fb, x, y, -5, 0, -2, 0);
        PadPixels(fb, x, y, 2, 0, 5, 0);
        PadPixels(fb, x, y, 0, -5, 0, -2);
        PadPixels(fb, x, y, 0, 2, 0, 5);

        DrawRows(view, fb, rows, XyRowsLeft);
    }

    // Positions 0..1 span the pad less a margin of PadMargin, so the selected box keeps a blank line inside the border.
    private static int PadX(double x) => PadLeft + PadMargin + (int)Math.Round(Unit(x) * PadTravel);

    // Y is up on the pad, down on the display.
    private static int PadY(double y) => PadTop + PadMargin + (int)Math.Round((1 - Unit(y)) * PadTravel);

    private static double Unit(double value) => double.IsNaN(value) ? 0.5 : Math.Clamp(value, 0, 1);

    // Lights the box (x + dx0, y + dy0)..(x + dx1, y + dy1), clipped to the inside of the pad's border.
    private static void PadPixels(Framebuffer fb, int x, int y, int dx0, int dy0, int dx1, int dy1)
    {
        for (int py = Math.Max(y + dy0, PadTop + 1); py <= Math.Min(y + dy1, PadTop + PadSize - 2); py++)
        {
            for (int px = Math.Max(x + dx0, PadLeft + 1); px <= Math.Min(x + dx1, PadLeft + PadSize - 2); px++)
            {
                fb.SetPixel(px, py);
            }
        }
    }

    private static bool HasSelection(XyPanelState xy) => xy.Selected >= 0 && xy.Selected < xy.Count;

    // Whole per cent done; floored so 100 % means done, not nearly.
    private static double Percent(double progress) =>
        double.IsNaN(progress) ? 0 : Math.Floor((Math.Clamp(progress, 0, 1) * 100) + 1e-9);

    // A loss in at most LossChars characters: four decimals down to 0.001, below that the exponent form, which
    // keeps two significant digits of a well-trained network's 2.1e-5 where 0.0000 would say nothing.
    private TextLine AppendLoss(TextLine line, double loss)
    {
        if (double.IsNaN(loss))
        {
            return line.Append("nan");
        }

        if (double.IsInfinity(loss))
        {
            return line.Append("inf");
        }

        Span<char> text = _loss;
        foreach (string format in Math.Abs(loss) >= 0.001 || loss == 0 ? LargeLossFormats : SmallLossFormats)
        {
            if (loss.TryFormat(text, out int written, format, CultureInfo.InvariantCulture))
            {
                return line.Append(text[..written]);
            }
        }

        return line.Append("?");
    }

    private static void DrawMessage(Framebuffer fb, string message)
    {
        int split = message.IndexOf('\n', StringComparison.Ordinal);
        ReadOnlySpan<char> first = split < 0 ? message : message.AsSpan(0, split);
        ReadOnlySpan<char> second = split < 0 ? [] : message.AsSpan(split + 1);
        int lines = split < 0 ? 1 : 2;
        int height = (lines * 9) + 6;
        int top = 32 - (height / 2);
        fb.FillRectangle(4, top, 120, height, on: false);
        fb.Rectangle(4, top, 120, height);
        DrawCentred(fb, top + 4, Text.Fit(first, 114));
        if (lines == 2)
        {
            DrawCentred(fb, top + 13, Text.Fit(second, 114));
        }
    }

    private static void DrawCentred(Framebuffer fb, int y, ReadOnlySpan<char> text) =>
        Text.Draw(fb, 64 - (Font5x7.Width(text.Length) / 2), y, text);
}
