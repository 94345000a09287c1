using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// Draws a <see cref="PanelView"/> into a <see cref="Framebuffer"/>: the home page (preset, tempo and clock,
/// bypass and freeze, eight live latent bars (a dash for dimensions the model lacks), load and late hops), the list pages (modulators, offsets, bending,
/// settings: label left, value right in the parameter table's units), the XY view, and a notice over any of them.
/// Allocation-free after construction, so the control thread can draw every frame.
/// Thread: the control thread.
/// </summary>
public sealed class PanelRenderer(PanelLayout layout)
{
    private const int RowHeight = 9;
    private const int FirstRowTop = 10;
    private const int ValueRight = 124;
    private const int ModelNamePixels = 88;

    private readonly char[] _scratch = new char[64];
    private readonly char[] _value = new char[ParameterDescriptor.MaxFormattedLength];
    private readonly char[] _title = new char[24];

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
        var position = new TextLine(_scratch);
        position = view.Level == PanelLevel.Page || rows.Count == 0
            ? position.Append((int)view.Page + 1).Append('/').Append(PanelPages.Count)
            : position.Append(view.Row + 1).Append('/').Append(rows.Count);
        var title = new TextLine(_title);
        title = view.Level == PanelLevel.Page
            ? title.Append('<').Append(PanelPages.Title(view.Page)).Append('>')
            : title.Append(PanelPages.Title(view.Page));
        DrawTitle(fb, title.Text, position.Text);

        if (rows.Count == 0)
        {
            Text.Draw(fb, 2, 20, "Nothing to bend on");
            Text.Draw(fb, 2, 29, "this firmware yet.");
            return;
        }

        for (int i = 0; i < PanelNavigator.VisibleRows; i++)
        {
            int r = view.Top + i;
            if (r >= rows.Count)
            {
                break;
            }

            int top = FirstRowTop + (i * RowHeight);
            PanelRow row = rows[r];
            Text.Draw(fb, 2, top + 1, row.Label);
            ReadOnlySpan<char> value = ValueText(view, row);
            int left = Text.DrawRight(fb, ValueRight, top + 1, value);
            if (row.Kind == PanelRowKind.Parameter && row.Parameter is >= ParameterId.Offset1 and <= ParameterId.Offset8)
            {
                fb.VerticalLine(66, top + 2, top + 6);
                Bars.Horizontal(fb, top + 3, 3, 66, 18, view.Values[row.Parameter]);
            }

            if (r == view.Row && view.Level == PanelLevel.Row)
            {
                fb.InvertRectangle(0, top, 126, RowHeight);
            }
            else if (r == view.Row && view.Level == PanelLevel.Edit)
            {
                fb.InvertRectangle(left - 2, top, ValueRight - left + 4, RowHeight);
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

    private ReadOnlySpan<char> ValueText(PanelView view, PanelRow row)
    {
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
        DrawTitle(fb, "XY  dim 1 x dim 2", "5/6");
        const int left = 38, top = 11, size = 52, half = 25;
        const int cx = left + half, cy = top + half;
        fb.Rectangle(left, top, size, size);
        for (int i = 0; i < size; i += 3)
        {
            fb.SetPixel(left + i, cy);
            fb.SetPixel(cx, top + i);
        }

        // The offsets are where the point rests; the filled square is where the latent is now.
        int ox = cx + Scale(view.Values[ParameterId.Offset1], half);
        int oy = cy - Scale(view.Values[ParameterId.Offset2], half);
        fb.HorizontalLine(ox - 2, ox + 2, oy);
        fb.VerticalLine(ox, oy - 2, oy + 2);
        LatentPlayground.Core.Engine.LatentVector latent = view.Engine.Latent;
        bool hasY = view.Engine.HasDimension(1);
        fb.FillRectangle(cx + Scale(latent[0], half) - 1, cy - (hasY ? Scale(latent[1], half) : 0) - 1, 3, 3);

        Text.Draw(fb, 0, 20, "x");
        Text.Draw(fb, 0, 29, new TextLine(_value).Append(latent[0], "+0.00;-0.00").Text);
        Text.Draw(fb, 96, 20, "y");
        if (hasY)
        {
            Text.Draw(fb, 96, 29, new TextLine(_value).Append(latent[1], "+0.00;-0.00").Text);
        }
        else
        {
            // A one-dimensional model has no y: the point stays on the centre line and the value says so.
            Text.Draw(fb, 96, 29, "--");
        }
    }

    private static int Scale(double value, int half) =>
        double.IsNaN(value) ? 0 : (int)Math.Round(Math.Clamp(value / ParameterTable.LatentLimit, -1, 1) * half);

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
