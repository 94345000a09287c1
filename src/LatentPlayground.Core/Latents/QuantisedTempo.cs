namespace LatentPlayground.Core.Latents;

/// <summary>
/// The reference's quantised tempi: looping k latent frames as one beat gives 60 × (sample rate / hop) / k BPM
/// (117.45 BPM for k = 11 at 44.1 kHz / 2048), the only tempi at which a pattern plays without resampling.
/// Thread: any; pure, allocation-free.
/// </summary>
public static class QuantisedTempo
{
    /// <summary>The tempo at which <paramref name="framesPerBeat"/> frames make one beat.</summary>
    public static double Bpm(double latentRate, int framesPerBeat)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerBeat, 1);
        return 60.0 * latentRate / framesPerBeat;
    }

    /// <summary>The k whose quantised tempo is nearest <paramref name="bpm"/> (at least 1).</summary>
    public static int FramesPerBeat(double latentRate, double bpm)
    {
        double k = 60.0 * latentRate / bpm;
        if (!(k >= 1))
        {
            return 1;
        }

        // The nearest in tempo, not in k: between k and k+1 the tempi are 60r/k and 60r/(k+1).
        int low = (int)Math.Min(Math.Floor(k), int.MaxValue - 1);
        double below = Bpm(latentRate, low + 1), above = Bpm(latentRate, low);
        return bpm - below < above - bpm ? low + 1 : low;
    }
}
