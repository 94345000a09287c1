namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>Reproducible sample values that a format represents exactly, full-scale extremes included.</summary>
internal static class TestSignals
{
    /// <summary>Random integers in [min, max] with both ends and zero among the first values.</summary>
    public static int[] Integers(int seed, int count, int min, int max, int multipleOf = 1)
    {
        var random = new Random(seed);
        int[] values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i switch
            {
                0 => min,
                1 => max - (max % multipleOf),
                2 => 0,
                _ => (int)(random.NextInt64(min, (long)max + 1) / multipleOf * multipleOf),
            };
        }

        return values;
    }

    /// <summary>Arbitrary finite floats: full scale, beyond full scale, tiny and subnormal values.</summary>
    public static float[] Floats(int seed, int count)
    {
        var random = new Random(seed);
        float[] values = new float[count];
        float[] specials = [-1f, 1f, 0f, -0f, 1e-30f, float.Epsilon, -2.5f, MathF.BitDecrement(1f)];
        for (int i = 0; i < count; i++)
        {
            values[i] = i < specials.Length ? specials[i] : (float)((random.NextDouble() * 2.2) - 1.1);
        }

        return values;
    }

    /// <summary>Floats on the 24-bit grid, so 24-bit PCM holds them exactly.</summary>
    public static float[] Int24Grid(int seed, int count) =>
        [.. Integers(seed, count, -8388608, 8388607).Select(v => v / 8388608f)];
}
