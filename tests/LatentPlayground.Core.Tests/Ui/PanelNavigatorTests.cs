using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>The encoder's menu: pages, rows, editing in the table's units, actions, and the way back.</summary>
public sealed class PanelNavigatorTests
{
    private readonly PanelNavigator _nav = new(PanelLayout.Default);
    private readonly PanelView _view = new(new ParameterSet());

    [Fact]
    public void Turning_at_the_page_level_steps_through_all_seven_pages_and_wraps()
    {
        var seen = new List<PanelPage>();
        for (int i = 0; i < 8; i++)
        {
            seen.Add(_view.Page);
            _nav.Turn(_view, 1, 1);
        }

        Assert.Equal([PanelPage.Home, PanelPage.Modulators, PanelPage.Offsets, PanelPage.Bending, PanelPage.Xy, PanelPage.Loop, PanelPage.Settings, PanelPage.Home], seen);
        PanelNavigator.ShowPage(_view, PanelPage.Home);
        _nav.Turn(_view, -1, 1);
        Assert.Equal(PanelPage.Settings, _view.Page);
    }

    [Fact]
    public void Push_selects_a_row_push_again_edits_it_and_a_turn_sends_the_new_value()
    {
        PanelNavigator.ShowPage(_view, PanelPage.Modulators);
        _nav.Push(_view);
        _nav.Turn(_view, 1, 1); // basis
        Assert.Equal(PanelLevel.Row, _view.Level);
        _nav.Push(_view);
        Assert.Equal(PanelLevel.Edit, _view.Level);
        PanelCommand c = _nav.Turn(_view, 1, 7);
        Assert.Equal(new PanelCommand(PanelCommandKind.SetParameter, ParameterId.Basis, 2), c);
        _nav.Push(_view);
        Assert.Equal(PanelLevel.Row, _view.Level);
    }

    [Fact]
    public void Push_on_an_action_row_fires_it_instead_of_editing()
    {
        TurnTo(PanelPage.Modulators, r => r.Kind == PanelRowKind.Parameter && r.Parameter == ParameterId.Trigger);

        Assert.Equal(new PanelCommand(PanelCommandKind.FireAction, ParameterId.Trigger, 1), _nav.Push(_view));
        Assert.Equal(PanelLevel.Row, _view.Level);
    }

    [Fact]
    public void The_cursor_scrolls_the_list_and_stops_at_its_ends()
    {
        PanelNavigator.ShowPage(_view, PanelPage.Modulators);
        _nav.Push(_view);
        int count = PanelLayout.Default.Rows(PanelPage.Modulators).Count;
        for (int i = 0; i < count + 5; i++)
        {
            _nav.Turn(_view, 1, 1);
        }

        Assert.Equal(count - 1, _view.Row);
        Assert.Equal(count - PanelNavigator.VisibleRows, _view.Top);
        _nav.Turn(_view, -1, 1);
        Assert.InRange(_view.Row, _view.Top, _view.Top + PanelNavigator.VisibleRows - 1);
    }

    [Fact]
    public void A_long_push_goes_one_level_out_and_from_the_page_level_home()
    {
        PanelNavigator.ShowPage(_view, PanelPage.Offsets);
        _nav.Push(_view);
        _nav.Push(_view);
        PanelNavigator.Back(_view);
        Assert.Equal(PanelLevel.Row, _view.Level);
        PanelNavigator.Back(_view);
        Assert.Equal(PanelLevel.Page, _view.Level);
        Assert.Equal(PanelPage.Offsets, _view.Page);
        PanelNavigator.Back(_view);
        Assert.Equal(PanelPage.Home, _view.Page);
    }

    [Fact]
    public void Settings_rows_ask_the_control_side_for_a_change_or_a_push()
    {
        TurnTo(PanelPage.Settings, r => r.Kind == PanelRowKind.Setting && r.Setting == PanelSetting.Tempo);

        _nav.Push(_view);
        Assert.Equal(new PanelCommand(PanelCommandKind.ChangeSetting, Setting: PanelSetting.Tempo, Step: -4), _nav.Turn(_view, -1, -4));
        _nav.Push(_view);
        _nav.Turn(_view, 1, 1);
        _nav.Turn(_view, 1, 1);
        Assert.Equal(new PanelCommand(PanelCommandKind.PushSetting, Setting: PanelSetting.MidiLearn), _nav.Push(_view));
    }

    [Theory]
    [InlineData(PanelSetting.XyAdd)]
    [InlineData(PanelSetting.XyUpdate)]
    [InlineData(PanelSetting.XyDelete)]
    [InlineData(PanelSetting.XyTrain)]
    [InlineData(PanelSetting.XyReset)]
    [InlineData(PanelSetting.XyLoss)]
    public void A_push_on_an_xy_action_row_asks_the_control_side_and_stays_on_the_row(PanelSetting setting)
    {
        TurnTo(PanelPage.Xy, r => r.Kind == PanelRowKind.Setting && r.Setting == setting);

        // The loss is read only: its push goes to the control side, which ignores it, as the bending statistics'.
        Assert.Equal(new PanelCommand(PanelCommandKind.PushSetting, Setting: setting), _nav.Push(_view));
        Assert.Equal(PanelLevel.Row, _view.Level);
        Assert.Equal(PanelCommand.None, _nav.Turn(_view, 0, 0));
        Assert.Equal(PanelLevel.Row, _view.Level);
    }

    [Theory]
    [InlineData(PanelSetting.XyPoint)]
    [InlineData(PanelSetting.XyGroups)]
    public void The_xy_point_and_groups_are_edited_by_turns(PanelSetting setting)
    {
        TurnTo(PanelPage.Xy, r => r.Kind == PanelRowKind.Setting && r.Setting == setting);

        Assert.Equal(PanelCommand.None, _nav.Push(_view));
        Assert.Equal(PanelLevel.Edit, _view.Level);
        Assert.Equal(new PanelCommand(PanelCommandKind.ChangeSetting, Setting: setting, Step: 1), _nav.Turn(_view, 1, 1));
        Assert.Equal(new PanelCommand(PanelCommandKind.ChangeSetting, Setting: setting, Step: -3), _nav.Turn(_view, -1, -3));
        Assert.Equal(PanelCommand.None, _nav.Push(_view));
        Assert.Equal(PanelLevel.Row, _view.Level);
    }

    [Fact]
    public void The_xy_mode_and_position_rows_edit_their_parameters()
    {
        TurnTo(PanelPage.Xy, r => r.Kind == PanelRowKind.Parameter && r.Parameter == ParameterId.XyPredict);
        _nav.Push(_view);
        Assert.Equal(new PanelCommand(PanelCommandKind.SetParameter, ParameterId.XyPredict, 1), _nav.Turn(_view, 1, 1));
        _nav.Push(_view);
        _nav.Turn(_view, 1, 1);
        _nav.Push(_view);
        Assert.Equal(new PanelCommand(PanelCommandKind.SetParameter, ParameterId.XyX, 0.55), _nav.Turn(_view, 1, 10));
        _nav.Push(_view);
        _nav.Turn(_view, 1, 1);
        _nav.Push(_view);
        Assert.Equal(new PanelCommand(PanelCommandKind.SetParameter, ParameterId.XyY, 0.49), _nav.Turn(_view, -1, -1));
    }

    [Fact]
    public void The_xy_rows_scroll_six_at_a_time_to_reset()
    {
        TurnTo(PanelPage.Xy, r => r.Kind == PanelRowKind.Setting && r.Setting == PanelSetting.XyReset);
        Assert.Equal(10, _view.Row);
        Assert.Equal(5, _view.Top);
        _nav.Turn(_view, 1, 1);
        Assert.Equal(10, _view.Row);
    }

    [Theory]
    [InlineData(ParameterId.Bypass, 0.0, 1, 1.0)]
    [InlineData(ParameterId.Basis, 5.0, 10, 5.0)]
    [InlineData(ParameterId.Basis, 0.0, -3, 0.0)]
    [InlineData(ParameterId.Seed3, 42.0, 10, 52.0)]
    [InlineData(ParameterId.DryWet, 50.0, 1, 51.0)]
    [InlineData(ParameterId.DryWet, 100.0, 5, 100.0)]
    [InlineData(ParameterId.Offset1, 0.0, 1, 0.03)]
    [InlineData(ParameterId.Offset1, 0.0, -10, -0.3)]
    [InlineData(ParameterId.Speed, 200.0, 2, 210.0)]
    public void A_detent_moves_a_value_by_a_step_the_display_can_show(ParameterId id, double from, int step, double to)
    {
        Assert.Equal(to, ParameterStepper.Step(ParameterTable.Get(id), from, step), 9);
    }

    [Fact]
    public void A_log_tapered_value_moves_by_the_same_fraction_of_its_travel_at_both_ends()
    {
        ParameterDescriptor rate = ParameterTable.Get(ParameterId.Rate);
        double low = ParameterStepper.Step(rate, 0.1, 10) / 0.1;
        double high = ParameterStepper.Step(rate, 10, 10) / 10;
        Assert.Equal(low, high, 1);
        Assert.True(low > 1.1);
    }

    // Enters the page's rows and turns the encoder one detent at a time to the first row that matches.
    private void TurnTo(PanelPage page, Predicate<PanelRow> match)
    {
        PanelNavigator.ShowPage(_view, page);
        _nav.Push(_view);
        int target = PanelLayout.Default.Rows(page).ToList().FindIndex(match);
        Assert.True(target >= 0);
        for (int i = 0; i < target; i++)
        {
            _nav.Turn(_view, 1, 1);
        }

        Assert.Equal(target, _view.Row);
    }
}
