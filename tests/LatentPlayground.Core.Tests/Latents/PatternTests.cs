using LatentPlayground.Core.Latents;

namespace LatentPlayground.Core.Tests.Latents;

/// <summary>Each pattern against a small example worked by hand.</summary>
public sealed class PatternTests
{
    private static LatentArray Column(params double[] values)
    {
        var rows = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++)
        {
            rows[i, 0] = values[i];
        }

        return LatentArray.FromRows(rows);
    }

    [Fact]
    public void Fibo_plays_the_prefixes_1_2_3_5_8()
    {
        // Rows a..h as 0..7: 1 row, 2, 3, 5, then 8 (all of them); 13 would not fit.
        LatentArray result = FiboPattern.Apply(Column(0, 1, 2, 3, 4, 5, 6, 7));
        double[] expected = [0, 0, 1, 0, 1, 2, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7];
        Assert.Equal(expected, result.Values.ToArray());
        Assert.Equal(5, FiboPattern.DefaultTerms(8));
        Assert.Equal(4, FiboPattern.DefaultTerms(7));
    }

    [Fact]
    public void Fibo_keeps_rows_whole_and_reads_cyclically_past_the_end()
    {
        LatentArray two = LatentArray.FromRows(new double[,] { { 1, -1 }, { 2, -2 }, { 3, -3 } });
        // Terms 1, 2, 3, 5: the 5-row prefix of a 3-row array is rows 0, 1, 2, 0, 1.
        LatentArray result = FiboPattern.Apply(two, terms: 4);
        double[] rows = [1, 1, 2, 1, 2, 3, 1, 2, 3, 1, 2];
        Assert.Equal(rows.Length, result.Frames);
        for (int f = 0; f < rows.Length; f++)
        {
            Assert.Equal(rows[f], result[f, 0]);
            Assert.Equal(-rows[f], result[f, 1]);
        }
    }

    [Fact]
    public void Orale_is_three_times_the_array_and_a_fourth_subtly_altered_twice_over()
    {
        // Mean 2, standard deviation 1.
        LatentArray source = Column(1, 3);
        LatentArray plain = OralePattern.Apply(source, levels: 2, variation: 0);
        Assert.Equal(Enumerable.Repeat(new double[] { 1, 3 }, 16).SelectMany(x => x), plain.Values.ToArray());

        LatentArray one = OralePattern.Apply(source, levels: 1, variation: 0.1, seed: 5);
        Assert.Equal(new double[] { 1, 3, 1, 3, 1, 3 }, one.Values[..6].ToArray());
        for (int i = 6; i < 8; i++)
        {
            double original = i % 2 == 0 ? 1 : 3;
            Assert.NotEqual(original, one.Values[i]);
            // A tenth of a standard deviation of noise: well within half a unit.
            Assert.InRange(one.Values[i], original - 0.5, original + 0.5);
        }

        // Level 2: the level-1 sequence three times, then altered again on top of its own alteration.
        LatentArray two = OralePattern.Apply(source, levels: 2, variation: 0.1, seed: 5);
        Assert.Equal(32, two.Frames);
        for (int copy = 0; copy < 3; copy++)
        {
            Assert.Equal(one.Values.ToArray(), two.Values.Slice(copy * 8, 8).ToArray());
        }

        double[] fourth = two.Values.Slice(24, 8).ToArray();
        Assert.NotEqual(one.Values.ToArray(), fourth);
        for (int i = 0; i < 8; i++)
        {
            Assert.InRange(fourth[i], one.Values[i] - 0.5, one.Values[i] + 0.5);
        }

        Assert.Equal(two.Values.ToArray(), OralePattern.Apply(source, levels: 2, variation: 0.1, seed: 5).Values.ToArray());
        Assert.NotEqual(two.Values.ToArray(), OralePattern.Apply(source, levels: 2, variation: 0.1, seed: 6).Values.ToArray());
    }

    [Fact]
    public void Blender_replaces_one_point_at_a_time_dimension_by_dimension()
    {
        LatentArray a = LatentArray.FromRows(new double[,] { { 0, 0 }, { 0, 0 } });
        LatentArray b = LatentArray.FromRows(new double[,] { { 1, 2 }, { 3, 4 } });
        LatentArray once = BlenderPattern.Apply(a, b, repeats: 1);
        double[] expected =
        [
            0, 0, 0, 0,
            1, 0, 0, 0,
            1, 2, 0, 0,
            1, 2, 3, 0,
            1, 2, 3, 4,
        ];
        Assert.Equal(expected, once.Values.ToArray());

        // n repetitions of each state before the next point is replaced.
        LatentArray twice = BlenderPattern.Apply(a, b, repeats: 2);
        Assert.Equal(20, twice.Frames);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 }, twice.Values[..16].ToArray());

        // Two points at a time: A, then the first row, then B.
        Assert.Equal(new double[] { 0, 0, 0, 0, 1, 2, 0, 0, 1, 2, 3, 4 }, BlenderPattern.Apply(a, b, repeats: 1, step: 2).Values.ToArray());
    }

    [Fact]
    public void Swapper_puts_Bs_values_at_the_picked_points_and_repeats()
    {
        LatentArray a = LatentArray.FromRows(new double[,] { { 1, 2 }, { 3, 4 } });
        LatentArray b = LatentArray.FromRows(new double[,] { { -1, -2 }, { -3, -4 } });
        LatentArray result = SwapperPattern.Apply(a, b, [1, 2], repeats: 3);
        Assert.Equal(Enumerable.Repeat(new double[] { 1, -2, -3, 4 }, 3).SelectMany(x => x), result.Values.ToArray());

        // Seeded: a quarter of 8×4 points, distinct, the same for the same seed.
        int[] picked = SwapperPattern.Pick(32, 8, seed: 9);
        Assert.Equal(8, picked.Distinct().Count());
        Assert.All(picked, p => Assert.InRange(p, 0, 31));
        Assert.Equal(picked, SwapperPattern.Pick(32, 8, seed: 9));
        Assert.NotEqual(picked, SwapperPattern.Pick(32, 8, seed: 10));

        var big = new LatentArray(8, 4, [.. Enumerable.Range(0, 32).Select(i => (double)i)]);
        var other = new LatentArray(8, 4, [.. Enumerable.Range(0, 32).Select(i => -1.0 - i)]);
        LatentArray swapped = SwapperPattern.Apply(big, other, repeats: 2, share: 0.25, seed: 9);
        Assert.Equal(16, swapped.Frames);
        int[] changed = [.. Enumerable.Range(0, 32).Where(i => swapped.Values[i] != big.Values[i])];
        Assert.Equal(picked, changed);
        Assert.All(changed, i => Assert.Equal(other.Values[i], swapped.Values[i]));
        Assert.Equal(swapped.Values[..32].ToArray(), swapped.Values[32..].ToArray());
    }

    [Fact]
    public void Two_array_patterns_need_the_same_size()
    {
        LatentArray a = Column(1, 2, 3);
        LatentArray b = Column(1, 2);
        Assert.Contains("same size, not 3×1 and 2×1", Assert.Throws<LatentFormatException>(() => BlenderPattern.Apply(a, b)).Message, StringComparison.Ordinal);
        Assert.Throws<LatentFormatException>(() => SwapperPattern.Apply(a, b));
    }

    [Fact]
    public void A_runaway_pattern_is_refused_before_it_allocates()
    {
        var wide = new LatentArray(4096, 128, new double[4096 * 128]);
        Assert.Contains("more than the", Assert.Throws<LatentFormatException>(() => BlenderPattern.Apply(wide, wide)).Message, StringComparison.Ordinal);
    }
}
