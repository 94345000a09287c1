using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>Which knob drives what, page by page.</summary>
public sealed class KnobLayoutTests
{
    [Fact]
    public void The_offsets_page_has_two_layers_and_the_cursor_picks_one()
    {
        KnobLayout k = KnobLayout.Default;
        Assert.Equal(1, k.LayerOf(PanelPage.Offsets, ParameterId.Offset6));
        Assert.Equal(ParameterId.Offset6, k.Assigned(PanelPage.Offsets, 1, 1));
        Assert.Equal(ParameterId.Offset2, k.Assigned(PanelPage.Offsets, 0, 1));
    }

    [Fact]
    public void A_page_without_its_own_knobs_uses_the_home_knobs_and_a_null_knob_does_nothing()
    {
        KnobLayout k = KnobLayout.Default;
        Assert.False(k.HasOwnKnobs(PanelPage.Settings));
        Assert.Equal(ParameterId.DryWet, k.Assigned(PanelPage.Settings, 0, 0));
        Assert.Null(k.Assigned(PanelPage.Xy, 0, 3));
        Assert.Null(k.Assigned(PanelPage.Home, 0, 7));
    }
}
