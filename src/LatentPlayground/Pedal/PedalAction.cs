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
}
