using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>Every page of the display against its golden framebuffer, and the facts a player reads off them.</summary>
public sealed class PanelPageTests
{
    private readonly PanelRenderer _renderer = new(PanelLayout.Default);
    private readonly PanelNavigator _navigator = new(PanelLayout.Default);
    private readonly Framebuffer _frame = new();

    [Theory]
    [InlineData("home", PanelLevel.Page, 0)]
    [InlineData("modulators", PanelLevel.Row, 2)]
    [InlineData("offsets", PanelLevel.Edit, 1)]
    [InlineData("bending", PanelLevel.Page, 0)]
    [InlineData("xy", PanelLevel.Page, 0)]
    [InlineData("settings", PanelLevel.Row, 10)]
    public void Each_page_matches_its_golden_framebuffer(string page, PanelLevel level, int row)
    {
        PanelView view = PanelTestViews.Playing();
        Assert.True(PanelPages.TryParse(page, out PanelPage p));
        PanelNavigator.ShowPage(view, p);
        if (level != PanelLevel.Page)
        {
            _navigator.Push(view);
            for (int i = 0; i < row; i++)
            {
                _navigator.Turn(view, 1, 1);
            }

            view.Level = level;
        }

        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, page);
    }

    [Fact]
    public void Bypass_freeze_and_a_lost_clock_show_on_home_and_a_notice_covers_the_page()
    {
        PanelView view = PanelTestViews.Playing();
        view.Values.Set(ParameterId.Bypass, 1);
        view.Values.Set(ParameterId.Freeze, 1);
        view.Clock = ClockDisplay.MidiLost;
        view.Message = "MIDI clock lost\nholding 126.5 BPM";
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "home-bypass-freeze-lost");
    }

    [Fact]
    public void A_latent_bar_follows_the_engines_snapshot()
    {
        PanelView view = PanelTestViews.Playing();
        _renderer.Render(view, _frame);
        // Dimension 4 is at -3 (full length down), dimension 6 at 0 (no bar): columns 4 + 15d .. +10, centre row 35.
        Assert.True(_frame.GetPixel(4 + (3 * 15) + 5, 35 + 16));
        Assert.False(_frame.GetPixel(4 + (5 * 15) + 5, 35 + 8));
        Assert.False(_frame.GetPixel(4 + (5 * 15) + 5, 35 - 8));
        var changed = PanelTestViews.Playing();
        var latent = changed.Engine.Latent;
        latent[5] = 3f;
        changed.Engine = changed.Engine with { Latent = latent };
        _renderer.Render(changed, _frame);
        Assert.True(_frame.GetPixel(4 + (5 * 15) + 5, 35 - 8));
    }

    [Fact]
    public void The_dimensions_a_short_latent_lacks_show_as_a_dash_not_as_a_bar_at_zero()
    {
        PanelView view = PanelTestViews.Playing();
        view.Engine = view.Engine with { LatentSize = 4 };
        _renderer.Render(view, _frame);
        GoldenFrame.Check(_frame, "home-four-dimensions");

        // Dimension 4 (present, at -3) keeps its bar; dimension 5 (absent) is a gap in the dotted centre
        // line with a short dash in the middle, whatever value the vector holds there.
        Assert.True(_frame.GetPixel(4 + (3 * 15) + 5, 35 + 16));
        int absent = 4 + (4 * 15);
        Assert.False(_frame.GetPixel(absent + 5, 35 - 8));
        Assert.False(_frame.GetPixel(absent, 35));
        Assert.False(_frame.GetPixel(absent + 10, 35));
        Assert.True(_frame.GetPixel(absent + 3, 35));
        Assert.True(_frame.GetPixel(absent + 7, 35));
    }

    [Fact]
    public void Every_parameter_a_player_can_set_is_on_exactly_one_page()
    {
        var seen = new Dictionary<ParameterId, int>();
        foreach (PanelPage page in Enum.GetValues<PanelPage>())
        {
            foreach (PanelRow row in PanelLayout.Default.Rows(page))
            {
                if (row.Kind == PanelRowKind.Parameter)
                {
                    seen[row.Parameter] = seen.GetValueOrDefault(row.Parameter) + 1;
                }
            }
        }

        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            Assert.True(seen.TryGetValue(d.Id, out int n) && n == 1, $"{d.Name} is on {n} pages");
        }
    }

    [Fact]
    public void Values_are_shown_in_the_parameter_tables_units()
    {
        Span<char> text = stackalloc char[ParameterDescriptor.MaxFormattedLength];
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            foreach (double v in new[] { d.Min, d.Default, d.Max })
            {
                Assert.Equal(d.Format(v), new string(text[..d.FormatInto(v, text)]));
            }
        }

        Assert.Equal("8.00 Hz", ParameterTable.Get(ParameterId.Rate).Format(8));
        Assert.Equal("voronoi", ParameterTable.Get(ParameterId.Basis).Format(4));
    }
}
