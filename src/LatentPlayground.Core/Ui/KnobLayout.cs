using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// Which parameter each knob drives on each page. A page can have several layers of knobs (the offsets page:
/// knobs 1-4 drive offsets 1-4, or 5-8): the layer in use is the one holding the parameter under the
/// encoder's cursor, so moving the cursor to offset 6 brings knob 2 onto offset 6. A page the map leaves
/// out uses the home page's knobs; a null entry is a knob that does nothing on that page.
/// Immutable. Thread: any.
/// </summary>
public sealed class KnobLayout
{
    // Per page, its layers; an empty array when the map left the page out.
    private readonly ParameterId?[][][] _pages;

    /// <param name="pages">Per page, its layers, each a list of parameters by knob (index 0 is knob 1).</param>
    public KnobLayout(IReadOnlyDictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        Pages = new Dictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>>(pages);
        _pages = new ParameterId?[PanelPages.Count][][];
        Array.Fill(_pages, []);
        foreach ((PanelPage page, IReadOnlyList<IReadOnlyList<ParameterId?>> layers) in pages)
        {
            _pages[(int)page] = [.. layers.Select(l => l.ToArray())];
        }
    }

    /// <summary>
    /// Home: dry/wet, deviation, speed, scale. Modulators: speed, scale, rate, time chaos. Offsets: offsets 1-4,
    /// and 5-8 when the cursor is on one of them. XY: knobs 1 and 2 move the pad's X and Y. Loop: the pattern, its source and the alteration amount. Bending and settings: the home knobs.
    /// </summary>
    public static KnobLayout Default { get; } = new(new Dictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>>
    {
        [PanelPage.Home] = [[ParameterId.DryWet, ParameterId.Deviation, ParameterId.Speed, ParameterId.Scale]],
        [PanelPage.Modulators] = [[ParameterId.Speed, ParameterId.Scale, ParameterId.Rate, ParameterId.TimeChaos]],
        [PanelPage.Offsets] =
        [
            [ParameterId.Offset1, ParameterId.Offset2, ParameterId.Offset3, ParameterId.Offset4],
            [ParameterId.Offset5, ParameterId.Offset6, ParameterId.Offset7, ParameterId.Offset8],
        ],
        [PanelPage.Xy] = [[ParameterId.XyX, ParameterId.XyY, null, null]],
        [PanelPage.Loop] = [[ParameterId.LoopPattern, ParameterId.LoopSource, ParameterId.LoopAmount, null]],
    });

    /// <summary>The pages the map gave knobs, as given.</summary>
    public IReadOnlyDictionary<PanelPage, IReadOnlyList<IReadOnlyList<ParameterId?>>> Pages { get; }

    /// <summary>True when the map gave <paramref name="page"/> its own knobs.</summary>
    public bool HasOwnKnobs(PanelPage page) => _pages[(int)page].Length > 0;

    /// <summary>The parameter knob <paramref name="knob"/> (0-based) drives on <paramref name="page"/>, in <paramref name="layer"/>.</summary>
    public ParameterId? Assigned(PanelPage page, int layer, int knob)
    {
        ParameterId?[][] layers = Layers(page);
        ParameterId?[] row = layers[Math.Clamp(layer, 0, layers.Length - 1)];
        return knob >= 0 && knob < row.Length ? row[knob] : null;
    }

    /// <summary>The layer of <paramref name="page"/> holding <paramref name="id"/>, or -1.</summary>
    public int LayerOf(PanelPage page, ParameterId id)
    {
        ParameterId?[][] layers = Layers(page);
        for (int l = 0; l < layers.Length; l++)
        {
            if (Array.IndexOf(layers[l], id) >= 0)
            {
                return l;
            }
        }

        return -1;
    }

    private ParameterId?[][] Layers(PanelPage page) =>
        _pages[(int)page].Length > 0 ? _pages[(int)page] : _pages[(int)PanelPage.Home].Length > 0 ? _pages[(int)PanelPage.Home] : [[]];
}
