namespace LatentPlayground.Core.Realtime;

/// <summary>
/// Where the audio stream stood at a moment: the frame count at the start of a period and the monotonic
/// time (seconds) the audio thread began it. Published each period, so another thread can tell when any
/// frame was captured without reading the sound card.
/// </summary>
public readonly record struct SampleClock(long Frame, double Seconds);
