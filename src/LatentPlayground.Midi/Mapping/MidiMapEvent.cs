using LatentPlayground.Core.Engine;

namespace LatentPlayground.Midi.Mapping;

/// <summary>
/// The outcome of one message through a <see cref="MidiMap"/>: a small plain value. Only the fields its
/// <see cref="Kind"/> names are meaningful.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Change">For <see cref="MidiMapEventKind.Parameter"/>: the change to post to the engine.</param>
/// <param name="Action">For <see cref="MidiMapEventKind.Action"/>: the footswitch action name.</param>
/// <param name="Number">The preset index for <see cref="MidiMapEventKind.Preset"/>; the CC for the others.</param>
/// <param name="Learned">For <see cref="MidiMapEventKind.Learned"/>: the binding the CC now has.</param>
public readonly record struct MidiMapEvent(MidiMapEventKind Kind, ParameterChange Change, string? Action, int Number, CcBinding Learned);
