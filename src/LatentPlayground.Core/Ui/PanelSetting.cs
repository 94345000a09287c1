namespace LatentPlayground.Core.Ui;

/// <summary>
/// Pedal settings on the settings page that are not sound parameters: they live in the pedal's state file,
/// not in presets.
/// </summary>
public enum PanelSetting
{
    /// <summary>internal, midi or tap.</summary>
    ClockSource,

    /// <summary>The internal and tap tempo, in BPM.</summary>
    Tempo,

    /// <summary>The MIDI receive channel: omni or 1..16.</summary>
    MidiChannel,

    /// <summary>Push: the next CC received drives the parameter last touched.</summary>
    MidiLearn,

    /// <summary>Push to start, rock the pedal heel to toe, push again to keep the travel.</summary>
    ExpressionCalibration,

    /// <summary>The model playing: push to edit, turn through the model library, push again to load the one shown.</summary>
    Model,

    /// <summary>Bending: the layer edited (turn through the model's layers).</summary>
    BendLayer,

    /// <summary>Bending: flip, scale or distribution.</summary>
    BendOperation,

    /// <summary>Bending: the law of a distribution edit.</summary>
    BendDistribution,

    /// <summary>Bending: how far a distribution's draws stray from the layer, 0..100 %.</summary>
    BendChaos,

    /// <summary>Bending: the share of the layer's weights touched, 0..100 %.</summary>
    BendAmount,

    /// <summary>Bending: a scale edit's factor.</summary>
    BendScale,

    /// <summary>Bending: the seed of the draws and of which weights are touched.</summary>
    BendSeed,

    /// <summary>Bending: Live-Mode, the pending edit plays as the knobs move.</summary>
    BendLive,

    /// <summary>Bending: the layer's statistics as set and with the pending edit (read only).</summary>
    BendStatistics,

    /// <summary>Bending, push: SET, apply the pending edit (footswitch B on this page).</summary>
    BendSet,

    /// <summary>Bending, push: RECALL, undo the last SET (a long press of B on this page).</summary>
    BendRecall,

    /// <summary>Bending, push: REVERT, drop the pending edit.</summary>
    BendRevert,

    /// <summary>Bending, push: RELOAD, back to the model as exported.</summary>
    BendReload,

    /// <summary>XY: the point selected (turn through the points; in MAP mode the pad goes to it).</summary>
    XyPoint,

    /// <summary>XY, push: ADD a point at X, Y with the mapped settings as they are.</summary>
    XyAdd,

    /// <summary>XY, push: UPDATE the selected point to X, Y and the settings as they are.</summary>
    XyUpdate,

    /// <summary>XY, push: DELETE the selected point.</summary>
    XyDelete,

    /// <summary>XY, push: TRAIN the network on the points (on a worker; the row shows progress).</summary>
    XyTrain,

    /// <summary>XY: the trained network's final loss (read only).</summary>
    XyLoss,

    /// <summary>XY: which groups the mapping drives (seed, scale, offset, time); changeable while it has no points.</summary>
    XyGroups,

    /// <summary>XY, push twice: RESET, no points and no network.</summary>
    XyReset,

    /// <summary>Loop: where the loop is, in bars, and what it plays (read only).</summary>
    LoopPosition,
}

/// <summary>Where the tempo comes from, as the home page shows it.</summary>
public enum ClockDisplay
{
    Internal,
    Tap,
    MidiLocked,
    MidiWaiting,
    MidiLost,
}
