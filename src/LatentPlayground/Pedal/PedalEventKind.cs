namespace LatentPlayground.Pedal;

/// <summary>The kinds of <see cref="PedalEvent"/>.</summary>
public enum PedalEventKind
{
    /// <summary>A <see cref="PedalAction"/> (footswitch gesture, CC bound to it).</summary>
    Action,

    /// <summary>A parameter to a value (knob, expression, encoder edit, CC).</summary>
    SetParameter,

    /// <summary>An action parameter fired (trigger, reset) from the encoder.</summary>
    FireParameter,

    /// <summary>The preset at <see cref="PedalEvent.Number"/> (Program Change).</summary>
    Recall,

    /// <summary>A pedal setting moved <see cref="PedalEvent.Number"/> detents (settings page).</summary>
    ChangeSetting,

    /// <summary>MIDI learn armed for the parameter touched last, or disarmed.</summary>
    ToggleLearn,

    /// <summary>The model library entry at <see cref="PedalEvent.Number"/> chosen on the settings page.</summary>
    ChooseModel,

    /// <summary>The expression pedal learnt a new travel (<see cref="PedalEvent.Calibration"/>).</summary>
    ExpressionCalibrated,

    /// <summary>A knob on the bending page set <see cref="PedalEvent.Setting"/> (chaos, amount, scale) to <see cref="PedalEvent.Value"/>, 0..1 of its travel.</summary>
    BendKnob,
}
