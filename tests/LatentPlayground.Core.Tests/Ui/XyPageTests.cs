using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>The XY page: the pad (points, the selected one, where X and Y are) and its rows' text, as the player reads them.</summary>
public sealed class XyPageTests
{
    private const int PadLeft = 0, PadTop = 10, PadRight = 53, PadBottom = 63;

    private readonly PanelRenderer _renderer = new(PanelLayout.Default);
    private readonly PanelNavigator _navigator = new(PanelLayout.Default);
    private readonly Framebuffer _frame = new();

    [Fact]
    public void Collecting_points_in_map_mode_with_the_cursor_on_the_point_row()
    {
        PanelView view = PanelTestViews.Mapping();
        CursorOn(view, PanelSetting.XyPoint, PanelLevel.Row);
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-map-point");
    }

    [Fact]
    public void Choosing_a_point_inverts_the_point_rows_value()
    {
        PanelView view = PanelTestViews.Mapping();
        CursorOn(view, PanelSetting.XyPoint, PanelLevel.Edit);
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-map-point-edit");
    }

    [Fact]
    public void Turning_to_a_point_in_map_mode_puts_the_crosshair_on_its_box()
    {
        // The control side moves X and Y to the point chosen; the crosshair's arms stick out of the box.
        PanelView view = PanelTestViews.Mapping();
        view.Values.Set(ParameterId.XyX, 0.5);
        view.Values.Set(ParameterId.XyY, 0.5);
        CursorOn(view, PanelSetting.XyPoint, PanelLevel.Edit);
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-map-at-point");
    }

    [Fact]
    public void Training_shows_its_progress_on_the_train_row_scrolled_into_view()
    {
        PanelView view = PanelTestViews.Mapping();
        view.Xy.Training = true;
        view.Xy.Progress = 0.57;
        CursorOn(view, PanelSetting.XyTrain, PanelLevel.Row);
        Assert.Equal(2, view.Top);
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-map-training");
    }

    [Fact]
    public void Predict_mode_with_a_trained_loss_two_groups_and_reset_armed()
    {
        PanelView view = PanelTestViews.Mapping();
        view.Values.Set(ParameterId.XyPredict, 1);
        view.Xy.Loss = 2.1e-5;
        view.Xy.Groups = XyGroups.Scale | XyGroups.Offset;
        view.Xy.ResetArmed = true;
        CursorOn(view, PanelSetting.XyReset, PanelLevel.Row);
        Assert.Equal(5, view.Top);
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-predict");
    }

    [Fact]
    public void Predict_mode_at_the_page_level_names_the_mode_in_the_title()
    {
        PanelView view = PanelTestViews.Mapping();
        view.Values.Set(ParameterId.XyPredict, 1);
        view.Xy.Loss = 0.0012;
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "xy-predict-page");
    }

    [Theory]
    [InlineData(0.0, 0.0, 4, 59)]
    [InlineData(1.0, 1.0, 49, 14)]
    [InlineData(0.0, 1.0, 4, 14)]
    [InlineData(1.0, 0.0, 49, 59)]
    [InlineData(0.5, 0.5, 26, 36)]
    public void A_point_is_a_two_pixel_dot_at_its_x_and_y_with_y_up(double x, double y, int column, int row)
    {
        PanelView view = EmptyPadAway(x, y);
        view.Xy.SetPoints([new XyMapPoint(x, y, [0.0])]);
        _renderer.Render(view, _frame);
        Assert.Equal(4, LitInPad(column - 2, row - 2, column + 3, row + 3));
        Assert.True(_frame.GetPixel(column, row) && _frame.GetPixel(column + 1, row + 1));
    }

    [Fact]
    public void The_selected_point_is_a_box_round_a_lit_centre_inside_the_border()
    {
        PanelView view = EmptyPadAway(1, 0);
        view.Xy.SetPoints([new XyMapPoint(1, 0, [0.0]), new XyMapPoint(0.2, 0.2, [0.0])]);
        view.Xy.Selected = 0;
        _renderer.Render(view, _frame);
        const int cx = 49, cy = 59;
        for (int d = -2; d <= 2; d++)
        {
            Assert.True(_frame.GetPixel(cx + d, cy - 2) && _frame.GetPixel(cx + d, cy + 2) && _frame.GetPixel(cx - 2, cy + d) && _frame.GetPixel(cx + 2, cy + d));
        }

        Assert.True(_frame.GetPixel(cx, cy));
        Assert.False(_frame.GetPixel(cx + 1, cy) || _frame.GetPixel(cx, cy + 1) || _frame.GetPixel(cx - 1, cy - 1));

        // A blank column and row between the box and the border at the pad's corner.
        Assert.False(_frame.GetPixel(PadRight - 1, cy) || _frame.GetPixel(cx, PadBottom - 1));
    }

    [Fact]
    public void The_crosshair_follows_x_and_y_and_no_longer_the_live_latent()
    {
        PanelView view = PanelTestViews.Mapping();
        _renderer.Render(view, _frame);
        byte[] before = _frame.Bytes.ToArray();

        LatentPlayground.Core.Engine.LatentVector latent = view.Engine.Latent;
        latent[0] = -3f;
        latent[1] = 3f;
        view.Engine = view.Engine with { Latent = latent, LatentSize = 1 };
        view.Values.Set(ParameterId.Offset1, -2);
        _renderer.Render(view, _frame);
        Assert.Equal(before, _frame.Bytes.ToArray());

        // X 0.8, Y 0.6: the centre (40, 32) is open, the arms run 2..5 pixels out.
        Assert.False(_frame.GetPixel(40, 32));
        Assert.True(_frame.GetPixel(40 - 5, 32) && _frame.GetPixel(40 + 2, 32) && _frame.GetPixel(40, 32 - 5) && _frame.GetPixel(40, 32 + 2));
        view.Values.Set(ParameterId.XyX, 0.2);
        _renderer.Render(view, _frame);
        Assert.False(_frame.GetPixel(40 - 5, 32));
        Assert.True(_frame.GetPixel(13 - 5, 32));
    }

    [Fact]
    public void The_title_names_the_mode()
    {
        PanelView view = PanelTestViews.Mapping();
        view.Level = PanelLevel.Row;
        _renderer.Render(view, _frame);
        var map = _frame.Bytes.ToArray();
        view.Values.Set(ParameterId.XyPredict, 1);
        _renderer.Render(view, _frame);

        // "XY " is common; the mode's first letter (M or P, at x 20) differs in the inverted bar.
        Assert.Equal(map.AsSpan(0, 20).ToArray(), _frame.Bytes[..20].ToArray());
        Assert.NotEqual(map.AsSpan(20, 6).ToArray(), _frame.Bytes.Slice(20, 6).ToArray());
        Assert.Equal("pred", Text(view, default, ParameterId.XyPredict));
    }

    [Theory]
    [InlineData(0.0012, "0.0012")]
    [InlineData(0.001, "0.0010")]
    [InlineData(0.5, "0.5000")]
    [InlineData(12.3456, "12.346")]
    [InlineData(123456.0, "123456")]
    [InlineData(2.1e-5, "2.1e-5")]
    [InlineData(0.00047, "4.7e-4")]
    [InlineData(1.5e-12, "2e-12")]
    [InlineData(0.0, "0.0000")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void The_loss_fits_six_characters_and_small_ones_keep_their_digits(double loss, string shown)
    {
        PanelView view = PanelTestViews.Mapping();
        view.Xy.Loss = loss;
        Assert.Equal(shown, Text(view, PanelSetting.XyLoss));
        view.Xy.Loss = null;
        Assert.Equal("--", Text(view, PanelSetting.XyLoss));
    }

    [Fact]
    public void The_point_rows_say_which_point_and_whether_there_is_one_to_update_or_delete()
    {
        PanelView view = PanelTestViews.Mapping();
        Assert.Equal("3/6", Text(view, PanelSetting.XyPoint));
        Assert.Equal("6", Text(view, PanelSetting.XyAdd));
        Assert.Equal("push", Text(view, PanelSetting.XyUpdate));
        Assert.Equal("push", Text(view, PanelSetting.XyDelete));
        foreach (int none in new[] { -1, 6 })
        {
            view.Xy.Selected = none;
            Assert.Equal("--", Text(view, PanelSetting.XyPoint));
            Assert.Equal("--", Text(view, PanelSetting.XyUpdate));
            Assert.Equal("--", Text(view, PanelSetting.XyDelete));
        }

        view.Xy.SetPoints([.. Enumerable.Range(0, XyMapping.MaxPoints).Select(i => new XyMapPoint(i / 64.0, 0.5, [0.0]))]);
        view.Xy.Selected = XyMapping.MaxPoints - 1;
        Assert.Equal("full", Text(view, PanelSetting.XyAdd));
        Assert.Equal("64/64", Text(view, PanelSetting.XyPoint));
    }

    [Fact]
    public void Train_reads_push_then_its_progress_then_done()
    {
        PanelView view = PanelTestViews.Mapping();
        Assert.Equal("push", Text(view, PanelSetting.XyTrain));
        view.Xy.Training = true;
        view.Xy.Progress = 0.57;
        Assert.Equal("57%", Text(view, PanelSetting.XyTrain));
        view.Xy.Progress = 0.999;
        Assert.Equal("99%", Text(view, PanelSetting.XyTrain));
        view.Xy.Loss = 0.01; // a retrain over a trained mapping shows the new run's progress
        Assert.Equal("99%", Text(view, PanelSetting.XyTrain));
        view.Xy.Training = false;
        Assert.Equal("done", Text(view, PanelSetting.XyTrain));
    }

    [Theory]
    [InlineData(XyGroups.All, "SCOT")]
    [InlineData(XyGroups.Scale | XyGroups.Offset, "-CO-")]
    [InlineData(XyGroups.Seed | XyGroups.Time, "S--T")]
    [InlineData(XyGroups.Offset, "--O-")]
    public void The_map_row_spells_the_groups_with_a_dash_for_one_left_out(XyGroups groups, string shown)
    {
        PanelView view = PanelTestViews.Mapping();
        view.Xy.Groups = groups;
        Assert.Equal(shown, Text(view, PanelSetting.XyGroups));
    }

    [Fact]
    public void Reset_asks_again_once_armed_and_the_mode_row_names_the_mode()
    {
        PanelView view = PanelTestViews.Mapping();
        Assert.Equal("push", Text(view, PanelSetting.XyReset));
        view.Xy.ResetArmed = true;
        Assert.Equal("again?", Text(view, PanelSetting.XyReset));
        Assert.Equal("map", Text(view, default, ParameterId.XyPredict));
        Assert.Equal("0.80", Text(view, default, ParameterId.XyX));
        Assert.Equal("0.60", Text(view, default, ParameterId.XyY));
    }

    [Fact]
    public void No_rows_label_runs_into_its_longest_value()
    {
        PanelView view = PanelTestViews.Mapping();
        view.Values.Set(ParameterId.XyPredict, 1);
        view.Xy.ResetArmed = true;
        view.Xy.Loss = 1.2345e-7;
        view.Xy.SetPoints([.. Enumerable.Range(0, XyMapping.MaxPoints).Select(i => new XyMapPoint(i / 64.0, 0.5, [0.0]))]);
        view.Xy.Selected = 62;
        foreach (PanelRow row in PanelLayout.Default.Rows(PanelPage.Xy))
        {
            // Column from x 56: the label at 58, the value ending at 124; two blank columns between them at least.
            int labelEnd = 58 + Font5x7.Width(row.Label.Length) - 1;
            int valueStart = 124 - Font5x7.Width(_renderer.ValueText(view, row).Length) + 1;
            Assert.True(valueStart - labelEnd > 2, $"{row.Label} {_renderer.ValueText(view, row).ToString()}");
        }
    }

    // The text the XY page's row for this setting (or parameter) shows.
    private string Text(PanelView view, PanelSetting setting, ParameterId? parameter = null)
    {
        PanelRow row = PanelLayout.Default.Rows(PanelPage.Xy)
            .First(r => parameter is ParameterId id ? r.Kind == PanelRowKind.Parameter && r.Parameter == id : r.Kind == PanelRowKind.Setting && r.Setting == setting);
        return _renderer.ValueText(view, row).ToString();
    }

    // The XY page with no points and X, Y at the opposite corner from (x, y), so the crosshair stays clear of it.
    private static PanelView EmptyPadAway(double x, double y)
    {
        PanelView view = PanelTestViews.Playing();
        PanelNavigator.ShowPage(view, PanelPage.Xy);
        view.Values.Set(ParameterId.XyX, x < 0.5 ? 1 : 0);
        view.Values.Set(ParameterId.XyY, y < 0.5 ? 1 : 0);
        return view;
    }

    private int LitInPad(int x0, int y0, int x1, int y1)
    {
        int lit = 0;
        for (int y = Math.Max(y0, PadTop + 1); y <= Math.Min(y1, PadBottom - 1); y++)
        {
            for (int x = Math.Max(x0, PadLeft + 1); x <= Math.Min(x1, PadRight - 1); x++)
            {
                lit += _frame.GetPixel(x, y) ? 1 : 0;
            }
        }

        return lit;
    }

    // Enters the XY page's rows and turns to the setting's row, then sets the level.
    private void CursorOn(PanelView view, PanelSetting setting, PanelLevel level)
    {
        PanelNavigator.ShowPage(view, PanelPage.Xy);
        _navigator.Push(view);
        int target = PanelLayout.Default.Rows(PanelPage.Xy).ToList().FindIndex(r => r.Kind == PanelRowKind.Setting && r.Setting == setting);
        for (int i = 0; i < target; i++)
        {
            _navigator.Turn(view, 1, 1);
        }

        Assert.Equal(target, view.Row);
        view.Level = level;
    }
}
