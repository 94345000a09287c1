using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>A fixed pedal state for the page tests: what a player would see mid-song.</summary>
internal static class PanelTestViews
{
    public static PanelView Playing()
    {
        var values = new ParameterSet();
        values.Set(ParameterId.Offset1, 1.5);
        values.Set(ParameterId.Offset2, -0.75);
        values.Set(ParameterId.Speed, 640);
        values.Set(ParameterId.Basis, 4);
        var latent = new LatentVector();
        float[] z = [2.1f, -1.2f, 0.4f, -3f, 3f, 0f, 0.9f, -0.3f];
        for (int d = 0; d < z.Length; d++)
        {
            latent[d] = z[d];
        }

        return new PanelView(values)
        {
            PresetName = "Voronoi drift",
            PresetNumber = 4,
            Edited = true,
            Bpm = 126.5,
            Clock = ClockDisplay.MidiLocked,
            MidiChannel = 3,
            Engine = new EngineSnapshot { Latent = latent, Load = 0.42, LateHops = 3, Hops = 1000 },
        };
    }

    /// <summary>
    /// <see cref="Playing"/> on the XY page with six points collected round the pad, the third selected, and X, Y
    /// moved off it to where the next point would go.
    /// </summary>
    public static PanelView Mapping()
    {
        PanelView view = Playing();
        PanelNavigator.ShowPage(view, PanelPage.Xy);
        (double X, double Y)[] at = [(0.1, 0.85), (0.75, 0.9), (0.5, 0.5), (0.2, 0.15), (0.9, 0.3), (0.35, 0.6)];
        view.Xy.SetPoints([.. at.Select(p => new XyMapPoint(p.X, p.Y, [0.0]))]);
        view.Xy.Selected = 2;
        view.Values.Set(ParameterId.XyX, 0.8);
        view.Values.Set(ParameterId.XyY, 0.6);
        return view;
    }
}
