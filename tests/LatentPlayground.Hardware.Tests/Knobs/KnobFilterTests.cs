using LatentPlayground.Hardware.Knobs;

namespace LatentPlayground.Hardware.Tests.Knobs;

public sealed class KnobFilterTests
{
    private const int FullScale = 1023;   // a 10-bit MCP3008

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(300)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(1000)]
    [InlineData(1020)]
    [InlineData(1023)]
    public void A_resting_knob_with_three_lsb_of_random_noise_never_changes(int rest)
    {
        var filter = new KnobFilter();
        var random = new Random(rest);
        int changes = 0;
        for (int i = 0; i < 20_000; i++)
        {
            int code = Math.Clamp(rest + random.Next(-3, 4), 0, FullScale);
            changes += filter.Process((double)code / FullScale) ? 1 : 0;
        }

        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_resting_knob_with_slow_worst_case_noise_never_changes()
    {
        // Square-wave noise between -3 and +3 LSB, slow enough to pass the smoothing untouched.
        var filter = new KnobFilter();
        int changes = 0;
        for (int i = 0; i < 20_000; i++)
        {
            int code = 600 + ((i / 50 % 2 == 0) ? -3 : 3);
            changes += filter.Process((double)code / FullScale) ? 1 : 0;
        }

        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_resting_16_bit_knob_with_a_few_lsb_of_noise_never_changes()
    {
        const int adsFullScale = 26400;   // ADS1115 at ±4.096 V, pots on 3.3 V
        var filter = new KnobFilter();
        var random = new Random(5);
        int changes = 0;
        for (int i = 0; i < 20_000; i++)
        {
            changes += filter.Process((13_000 + random.Next(-20, 21)) / (double)adsFullScale) ? 1 : 0;
        }

        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_turned_knob_follows_then_settles_and_then_noise_never_changes_it()
    {
        var filter = new KnobFilter();
        var random = new Random(11);
        double Noisy(double position) => Math.Clamp(Math.Round(position * FullScale) + random.Next(-3, 4), 0, FullScale) / FullScale;

        for (int i = 0; i < 100; i++)
        {
            filter.Process(Noisy(0.2));
        }

        int changesWhileTurning = 0;
        for (int i = 0; i <= 200; i++)
        {
            changesWhileTurning += filter.Process(Noisy(0.2 + (0.5 * i / 200))) ? 1 : 0;
        }

        Assert.True(changesWhileTurning > 50, $"{changesWhileTurning} changes while turning");
        for (int i = 0; i < 200; i++)
        {
            filter.Process(Noisy(0.7));    // settling
        }

        Assert.False(filter.IsMoving);
        double settled = filter.Value;
        Assert.InRange(settled, ((0.7 - 0.015) / 0.97) - 0.01, ((0.7 - 0.015) / 0.97) + 0.01);
        int later = 0;
        for (int i = 0; i < 20_000; i++)
        {
            later += filter.Process(Noisy(0.7)) ? 1 : 0;
        }

        Assert.Equal(0, later);
        Assert.Equal(settled, filter.Value);
    }

    [Fact]
    public void The_travel_ends_read_exactly_0_and_1()
    {
        var filter = new KnobFilter();
        filter.Process(0.5);
        for (int i = 0; i < 100; i++)
        {
            filter.Process(1.0);
        }

        Assert.Equal(1.0, filter.Value);
        for (int i = 0; i < 100; i++)
        {
            filter.Process(0.005);
        }

        Assert.Equal(0.0, filter.Value);
    }

    [Fact]
    public void The_first_reading_sets_the_value_without_reporting_a_change()
    {
        var filter = new KnobFilter();
        Assert.False(filter.HasValue);
        Assert.False(filter.Process(0.5));
        Assert.True(filter.HasValue);
        Assert.Equal(0.5, filter.Value, 9);
    }

    [Fact]
    public void A_move_just_past_the_wake_threshold_acts_and_one_just_under_does_not()
    {
        var under = new KnobFilter(KnobOptions.Default with { Smoothing = 1 });
        under.Process(0.5);
        Assert.False(under.Process(0.5079));
        var over = new KnobFilter(KnobOptions.Default with { Smoothing = 1 });
        over.Process(0.5);
        Assert.True(over.Process(0.5081));
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentException>(() => new KnobFilter(KnobOptions.Default with { Smoothing = 0 }));
        Assert.Throws<ArgumentException>(() => new KnobFilter(KnobOptions.Default with { Resolution = 0.02 }));
    }
}
