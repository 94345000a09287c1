using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>
/// The settings page's Model row: it shows the model playing (or "loading"); editing it, turns only choose a
/// model of the library and the push that ends the edit loads the one shown.
/// </summary>
public sealed class ModelRowTests
{
    private readonly PanelNavigator _navigator = new(PanelLayout.Default);
    private readonly PanelRenderer _renderer = new(PanelLayout.Default);
    private readonly Framebuffer _frame = new();

    [Fact]
    public void Turns_choose_and_the_push_that_ends_the_edit_commits()
    {
        PanelView view = OnModelRow();
        Assert.Equal(PanelLevel.Row, view.Level);
        Assert.Equal(PanelCommand.None, _navigator.Push(view));
        Assert.Equal(PanelLevel.Edit, view.Level);

        Assert.Equal(new PanelCommand(PanelCommandKind.ChangeSetting, Setting: PanelSetting.Model, Step: 1), _navigator.Turn(view, 1, 1));
        Assert.Equal(new PanelCommand(PanelCommandKind.CommitSetting, Setting: PanelSetting.Model), _navigator.Push(view));
        Assert.Equal(PanelLevel.Row, view.Level);
    }

    [Fact]
    public void Other_settings_end_their_edit_without_a_command()
    {
        PanelView view = PanelTestViews.Playing();
        PanelNavigator.ShowPage(view, PanelPage.Settings);
        _navigator.Push(view);
        while (_navigator.Selected(view) is not { Setting: PanelSetting.Tempo })
        {
            _navigator.Turn(view, 1, 1);
        }

        _navigator.Push(view);
        Assert.Equal(PanelCommand.None, _navigator.Push(view));
    }

    [Fact]
    public void The_row_shows_the_model_the_choice_while_editing_and_loading_while_one_loads()
    {
        PanelView view = OnModelRow();
        view.ModelName = "latentplayground-default";
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "settings-model");

        view.Level = PanelLevel.Edit;
        view.ModelChoice = "v2-causal";
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "settings-model-choosing");

        view.Level = PanelLevel.Row;
        view.ModelChoice = null;
        view.ModelLoading = true;
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "settings-model-loading");
    }

    private PanelView OnModelRow()
    {
        PanelView view = PanelTestViews.Playing();
        PanelNavigator.ShowPage(view, PanelPage.Settings);
        _navigator.Push(view);
        while (_navigator.Selected(view) is not { Kind: PanelRowKind.Setting, Setting: PanelSetting.Model })
        {
            _navigator.Turn(view, 1, 1);
        }

        return view;
    }
}
