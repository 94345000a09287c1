namespace LatentPlayground.Core.Tests.Analysis;

/// <summary>Synthetic signals with known answers for the listening measures.</summary>
internal static class TestSignals
{
    public const int Rate = 48000;

    /// <summary>A square wave of exactly <paramref name="period"/> samples (half +a, half -a): lines at rate/period and its odd harmonics only.</summary>
    public static float[] Square(int period, int length, float amplitude = 0.5f)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = i % period < period / 2 ? amplitude : -amplitude;
        }

        return x;
    }

    /// <summary>A sum of harmonics of <paramref name="hz"/> with 1/k amplitudes: a steady pitched tone.</summary>
    public static float[] Tone(double hz, int length, int harmonics = 5, double amplitude = 0.3)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            double v = 0;
            for (int k = 1; k <= harmonics; k++)
            {
                v += Math.Sin(2 * Math.PI * k * hz * i / Rate) / k;
            }

            x[i] = (float)(amplitude * v);
        }

        return x;
    }

    /// <summary>
    /// Karplus-Strong plucks (a noise burst through a delay line with a two-point average), one every
    /// <paramref name="noteSeconds"/>, cycling through <paramref name="notesHz"/>: what a plucked string
    /// played through a pedal looks like, with no comb locked to any hop.
    /// </summary>
    public static float[] Plucks(double[] notesHz, double noteSeconds, int length, int seed = 7)
    {
        var rng = new Random(seed);
        var x = new float[length];
        int noteLength = (int)(noteSeconds * Rate);
        for (int start = 0, n = 0; start < length; start += noteLength, n++)
        {
            double hz = notesHz[n % notesHz.Length];
            int delay = (int)Math.Round(Rate / hz);
            var line = new double[delay];
            for (int i = 0; i < delay; i++)
            {
                line[i] = rng.NextDouble() - 0.5;
            }

            for (int i = 0, p = 0; i < noteLength && start + i < length; i++)
            {
                int next = (p + 1) % delay;
                double v = line[p];
                line[p] = 0.996 * 0.5 * (line[p] + line[next]);
                p = next;
                x[start + i] += (float)(0.8 * v);
            }
        }

        return x;
    }

    /// <summary>Noise whose loudness moves slowly and widely, as phrases do.</summary>
    public static float[] SwellingNoise(int length, int seed = 3)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / Rate;
            double envelope = 0.05 + (0.45 * Math.Pow(Math.Sin(Math.PI * 1.3 * t), 2) * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 0.37 * t))));
            x[i] = (float)(envelope * ((2 * rng.NextDouble()) - 1));
        }

        return x;
    }

    public static float[] Delayed(float[] x, int delay)
    {
        var y = new float[x.Length];
        Array.Copy(x, 0, y, delay, x.Length - delay);
        return y;
    }
}
