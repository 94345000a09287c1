namespace LatentPlayground.Core.Latents;

/// <summary>A latent WAV as read: the array and the rate its header states (whole hertz).</summary>
/// <param name="Array">One channel per latent dimension, one sample frame per latent frame.</param>
/// <param name="HeaderRate">The header's sample rate. WAV rates are whole numbers, so this is the latent rate
/// rounded down (21 Hz for 44.1 kHz / 2048): informative only, as each frame plays one hop of the model.</param>
/// <param name="Precision">How the file stored its samples.</param>
public sealed record LatentWav(LatentArray Array, int HeaderRate, LatentPrecision Precision);
