namespace LatentPlayground.Audio.Wav;

/// <summary>Where a WAV file's samples are and how to decode them. Offsets are absolute stream positions.</summary>
internal readonly record struct WavLayout(WavFormat Format, long DataOffset, long DataLength);
