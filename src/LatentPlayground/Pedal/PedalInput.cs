namespace LatentPlayground.Pedal;

/// <summary>Where a <see cref="PedalEvent"/> came from: for the log and for the tests of every input.</summary>
public enum PedalInput
{
    Midi,
    Footswitch,
    Encoder,
    Knob,
    Expression,
}
