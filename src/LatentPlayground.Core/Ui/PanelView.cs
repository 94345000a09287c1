using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// Everything the display shows, gathered by the control thread before each frame: the engine's published
/// snapshot, the parameters as the control side last sent them, the pedal's settings and the cursor.
/// The renderer only reads it. Strings are referenced, never built per frame.
/// Thread: the control thread, for every member.
/// </summary>
public sealed class PanelView
{
    public PanelView(ParameterSet values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
    }

    /// <summary>The sound's parameters as the control side last sent them (preset plus knob, encoder and MIDI moves).</summary>
    public ParameterSet Values { get; }

    /// <summary>The engine's latest snapshot: live latents, load, late hops, tempo.</summary>
    public EngineSnapshot Engine { get; set; }

    public string PresetName { get; set; } = string.Empty;

    /// <summary>1-based position in the bank; 0 when the bank is empty.</summary>
    public int PresetNumber { get; set; }

    /// <summary>True when the sound differs from the stored preset (saved with a double press on C).</summary>
    public bool Edited { get; set; }

    public double Bpm { get; set; } = 120;

    public ClockDisplay Clock { get; set; }

    /// <summary>0 for omni, else 1..16.</summary>
    public int MidiChannel { get; set; }

    /// <summary>The parameter the next CC will be bound to, while MIDI learn is armed.</summary>
    public ParameterId? LearnTarget { get; set; }

    public bool ExpressionCalibrating { get; set; }

    /// <summary>The name of the model playing.</summary>
    public string ModelName { get; set; } = string.Empty;

    /// <summary>True while another model loads to swap in.</summary>
    public bool ModelLoading { get; set; }

    /// <summary>While the model row is edited: the library's model the turns have reached (loaded on the push); else null.</summary>
    public string? ModelChoice { get; set; }

    /// <summary>A short notice over the page (one or two lines split by '\n'); null for none.</summary>
    public string? Message { get; set; }

    /// <summary>The bending page's content.</summary>
    public BendPanelState Bend { get; } = new();

    /// <summary>The XY page's points, selection, groups and training.</summary>
    public XyPanelState Xy { get; } = new();

    /// <summary>The loop page's position and material.</summary>
    public LoopPanelState Loop { get; } = new();

    public PanelPage Page { get; set; }

    public int Row { get; set; }

    /// <summary>The first row shown on a list page (scrolled so <see cref="Row"/> stays in view).</summary>
    public int Top { get; set; }

    public PanelLevel Level { get; set; }

    /// <summary>Frames drawn so far: drives blinking.</summary>
    public long Frame { get; set; }
}
