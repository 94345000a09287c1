namespace LatentPlayground.Core.Ui;

/// <summary>
/// What the loop page shows besides its parameter rows: whether there is loop material, and where the loop playing
/// is, in bars. Filled by the control side from the looper's published position; the renderer only reads it.
/// Thread: the control thread.
/// </summary>
public sealed class LoopPanelState
{
    /// <summary>True once something was captured or loaded.</summary>
    public bool HasMaterial { get; set; }

    /// <summary>True while the loop plays in place of the encoder's latent.</summary>
    public bool Playing { get; set; }

    /// <summary>The loop's length in bars (a pattern can be longer than its capture).</summary>
    public double Bars { get; set; }

    /// <summary>Where the loop is, 0..1 of its length.</summary>
    public double Phase { get; set; }
}
