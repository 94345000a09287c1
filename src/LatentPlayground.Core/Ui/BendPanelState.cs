namespace LatentPlayground.Core.Ui;

/// <summary>
/// What the bending page shows: the pending edit's settings, Live-Mode, the state of the bend, and the edited
/// layer's standard deviation as set and with the pending edit. Filled by the control side from its bending
/// state; the renderer only reads it. Thread: the control thread.
/// </summary>
public sealed class BendPanelState
{
    /// <summary>The layer's name as the pedal lists it (empty before bending is ready).</summary>
    public string Layer { get; set; } = string.Empty;

    public string Operation { get; set; } = "scale";

    public string Distribution { get; set; } = "gaussian";

    /// <summary>0..1 (the reducer starts at half).</summary>
    public double Chaos { get; set; } = 0.5;

    /// <summary>0..1.</summary>
    public double Amount { get; set; } = 1;

    public double Scale { get; set; } = 1;

    public uint Seed { get; set; }

    public bool Live { get; set; }

    /// <summary>"off" (not yet asked), "loading" (the live weights load), "ready", or "pending" (an edit waits for SET).</summary>
    public string State { get; set; } = "off";

    /// <summary>SETs that RECALL can undo.</summary>
    public int Sets { get; set; }

    /// <summary>The layer's standard deviation as set.</summary>
    public double StdBefore { get; set; }

    /// <summary>With the pending edit (equal to <see cref="StdBefore"/> when none).</summary>
    public double StdAfter { get; set; }
}
