namespace LatentPlayground.Core.Tempo;

/// <summary>
/// The tempo an outside clock (MIDI) dictates, as the control thread last published it: when
/// <paramref name="Enabled"/>, the live engine takes each hop's tempo and position from
/// <paramref name="Anchor"/> at the moment the hop will be heard, instead of its own sample-counted clock.
/// Times are seconds on the monotonic clock the MIDI inputs stamp arrivals with.
/// </summary>
public readonly record struct ExternalClock(bool Enabled, TempoAnchor Anchor);
