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
