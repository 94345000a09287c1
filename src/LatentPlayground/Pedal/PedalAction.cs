namespace LatentPlayground.Pedal;

/// <summary>
/// What a footswitch gesture, a CC bound to an action or a simulator key asks of the pedal. The controls map and
/// the MIDI map name them in kebab case (<see cref="PedalActionNames"/>).
/// </summary>
public enum PedalAction
{
    None,
    Bypass,
    TapTempo,
    Trigger,
    Freeze,
    NextPreset,
    PreviousPreset,
    BankUp,
    BankDown,
    SavePreset,

    /// <summary>Bending: apply the pending edit (footswitch B on the bending page).</summary>
    BendSet,

    /// <summary>Bending: undo the last SET (a long press of B on the bending page).</summary>
    BendRecall,

    /// <summary>Bending: drop the pending edit.</summary>
    BendRevert,

    /// <summary>Bending: back to the model as exported.</summary>
    BendReload,

    /// <summary>XY: ADD a point at X, Y with the mapped settings as they are.</summary>
    XyAdd,

    /// <summary>XY: UPDATE the selected point to X, Y and the settings as they are.</summary>
    XyUpdate,

    /// <summary>XY: DELETE the selected point.</summary>
    XyDelete,

    /// <summary>XY: TRAIN the network on the points.</summary>
    XyTrain,

    /// <summary>XY: RESET, on a second press within a few seconds of the first.</summary>
    XyReset,

    /// <summary>Latent looper: capture the last loop.bars bars and loop them.</summary>
    LoopCapture,
}
