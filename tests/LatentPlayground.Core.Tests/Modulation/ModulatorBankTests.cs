using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Modulation;

public class ModulatorBankTests
{
    public static TheoryData<string> Bases => new(ParameterTable.BasisNames);

    [Theory]
    [MemberData(nameof(Bases))]
    public void Same_seed_gives_identical_trajectories_and_another_seed_differs(string basis)
    {
        double[,] a = new BankRunner(BankRunner.Settings(basis, "seed=42")).Run(400);
        double[,] b = new BankRunner(BankRunner.Settings(basis, "seed=42")).Run(400);
        double[,] c = new BankRunner(BankRunner.Settings(basis, "seed=43")).Run(400);

        Assert.Equal(a, b);
        int differing = 0;
        for (int f = 0; f < 400; f++)
        {
            for (int d = 0; d < 8; d++)
            {
                differing += Math.Abs(a[f, d] - c[f, d]) > 1e-6 ? 1 : 0;
            }
        }

        Assert.True(differing > 400 * 8 / 2, $"only {differing} of 3200 values differ between seeds 42 and 43");
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public void Per_dimension_seeds_give_eight_different_trajectories(string basis)
    {
        double[,] run = new BankRunner(BankRunner.Settings(basis, "speed=600", "rate=24")).Run(300);
        for (int d = 1; d < 8; d++)
        {
            Assert.NotEqual(BankRunner.Column(run, 0), BankRunner.Column(run, d));
        }
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public void Clip_never_leaves_the_range(string basis)
    {
        // Offsets near the edge and full scale push the raw value well past 3.
        double[,] run = new BankRunner(BankRunner.Settings(basis, "mode=clip", "scale=3", "speed=900", "rate=24",
            "offset.1=2.5", "offset.2=-2.5", "offset.3=3", "deviation=3")).Run(3000);
        int atBound = 0;
        foreach (double v in run)
        {
            Assert.InRange(v, -3.0, 3.0);
            atBound += Math.Abs(v) == 3.0 ? 1 : 0;
        }

        Assert.True(atBound > 0, "the test never pushed a value past the bound");
    }

    [Theory]
    [InlineData("warp")]
    [InlineData("fold")]
    public void Warp_and_fold_keep_the_range_where_clip_would_flatten(string mode)
    {
        double[,] run = new BankRunner(BankRunner.Settings("simplex", $"mode={mode}", "scale=3", "offset.1=2.5", "speed=400", "rate=24")).Run(3000);
        double[] z1 = BankRunner.Column(run, 0);
        Assert.All(z1, v => Assert.InRange(v, -3.0, 3.0));

        // Past the bound a folded or wrapped value keeps moving instead of sticking at 3.
        Assert.True(z1.Count(v => Math.Abs(v) == 3.0) < 5);
    }

    [Fact]
    public void Fold_is_continuous_everywhere_and_warp_only_jumps_where_it_wraps()
    {
        const double h = 0.001;
        for (double x = -20; x < 20; x += h)
        {
            double fold = RangeLimiter.Apply(x + h, RangeMode.Fold, 3) - RangeLimiter.Apply(x, RangeMode.Fold, 3);
            Assert.True(Math.Abs(fold) <= h + 1e-9, $"fold jumps by {fold} at {x}");

            double warp = RangeLimiter.Apply(x + h, RangeMode.Warp, 3) - RangeLimiter.Apply(x, RangeMode.Warp, 3);
            bool crossesWrapPoint = Math.Floor((x + h + 3) / 6) != Math.Floor((x + 3) / 6);
            if (crossesWrapPoint)
            {
                Assert.True(Math.Abs(Math.Abs(warp) - 6) < 0.01, $"warp should wrap by 6 at {x}, moved {warp}");
            }
            else
            {
                Assert.True(Math.Abs(warp - h) < 1e-9, $"warp jumps by {warp} at {x}");
            }
        }
    }

    [Theory]
    [InlineData(RangeMode.Fold, 4.0, 2.0)]
    [InlineData(RangeMode.Fold, -7.0, 1.0)]
    [InlineData(RangeMode.Fold, 9.0, -3.0)]
    [InlineData(RangeMode.Warp, 4.0, -2.0)]
    [InlineData(RangeMode.Warp, -3.5, 2.5)]
    [InlineData(RangeMode.Clip, 4.0, 3.0)]
    [InlineData(RangeMode.None, 4.0, 4.0)]
    public void Modes_map_known_points(RangeMode mode, double input, double expected) =>
        Assert.Equal(expected, RangeLimiter.Apply(input, mode, 3), 9);

    [Theory]
    [InlineData("simplex")]
    [InlineData("perlin")]
    public void Smooth_bases_move_in_small_steps(string basis)
    {
        // A moderate speed, a new value every frame, no smoothing to hide jumps.
        StepStatistics stats = StepStatistics.Of(new BankRunner(BankRunner.Settings(basis, "speed=200", "rate=24")).Run(4000));
        Assert.True(stats.ZeroFraction < 0.05, $"{basis}: {stats.ZeroFraction:P0} of steps are flat");
        Assert.True(stats.P99 < 1.25 * stats.Std, $"{basis}: p99 step {stats.P99:F3} against std {stats.Std:F3}");
        Assert.True(stats.Std > 0.2, $"{basis}: barely moves (std {stats.Std:F3})");
    }

    [Theory]
    [InlineData("fractal")]
    [InlineData("distorted")]
    public void Fractal_and_distorted_never_hold_but_move_with_more_detail_than_perlin(string basis)
    {
        StepStatistics perlin = StepStatistics.Of(new BankRunner(BankRunner.Settings("perlin", "speed=100", "rate=24")).Run(4000));
        StepStatistics stats = StepStatistics.Of(new BankRunner(BankRunner.Settings(basis, "speed=100", "rate=24")).Run(4000));
        Assert.True(stats.ZeroFraction < 0.05, $"{basis}: {stats.ZeroFraction:P0} of steps are flat");
        Assert.True(stats.MeanStep / stats.Std > 1.5 * perlin.MeanStep / perlin.Std,
            $"{basis}: relative step {stats.MeanStep / stats.Std:F3} against perlin's {perlin.MeanStep / perlin.Std:F3}");
    }

    [Theory]
    [InlineData("cell")]
    [InlineData("voronoi")]
    public void Cell_and_voronoi_hold_then_jump(string basis)
    {
        double[,] run = new BankRunner(BankRunner.Settings(basis, "speed=100", "rate=24", "scale=1")).Run(4000);
        var stats = StepStatistics.Of(run);

        // The one-pole filter at 24 Hz leaves a hair of motion after a jump; below 1e-3 counts as held.
        Assert.True(stats.ZeroFraction > 0.6, $"{basis}: only {stats.ZeroFraction:P0} of steps hold");
        Assert.True(stats.MeanNonZero > 0.3, $"{basis}: jumps average only {stats.MeanNonZero:F3}");
    }

    [Fact]
    public void Time_quarter_at_120_bpm_repeats_every_half_second_of_frames()
    {
        // Hop 2000 at 48 kHz gives 24 frames per second, so half a second is exactly 12 frames.
        var runner = new BankRunner(BankRunner.Settings("simplex", "time.1=1/4", "speed=300"), hop: 2000, bpm: 120);
        double[] z1 = BankRunner.Column(runner.Run(120), 0);
        for (int f = 12; f < 120; f++)
        {
            Assert.Equal(z1[f - 12], z1[f]);
        }

        // Without the loop, the trajectory keeps moving somewhere new.
        double[] free = BankRunner.Column(new BankRunner(BankRunner.Settings("simplex", "speed=300"), hop: 2000, bpm: 120).Run(120), 0);
        Assert.NotEqual(free[0..12], free[12..24]);
    }

    [Fact]
    public void Time_restarts_on_the_beat_grid_when_frames_do_not_divide_the_beat()
    {
        // 23.4375 frames per second: beats start at frames 0, 12, 24, 36, 47, ... (each first frame at or after the beat).
        var runner = new BankRunner(BankRunner.Settings("perlin", "time.1=1/4", "speed=300"), hop: 2048, bpm: 120);
        double[] z1 = BankRunner.Column(runner.Run(200), 0);
        for (int beat = 1; beat < 16; beat++)
        {
            int start = (int)Math.Ceiling(beat * 0.5 * 48000 / 2048);
            Assert.Equal(z1[0..11], z1[start..(start + 11)]);
            Assert.NotEqual(z1[start - 1], z1[start]);
        }
    }

    [Fact]
    public void Note_value_loops_wait_for_a_running_transport()
    {
        double[] stopped = BankRunner.Column(new BankRunner(BankRunner.Settings("simplex", "time.1=1/4", "speed=300"), hop: 2000).Run(48), 0);
        Assert.NotEqual(stopped[0..12], stopped[12..24]);
    }

    [Fact]
    public void Free_time_loops_every_time_ms()
    {
        // 500 ms at 24 frames per second is 12 frames, with or without a tempo.
        double[] z3 = BankRunner.Column(new BankRunner(BankRunner.Settings("fractal", "time.3=free", "time.3.ms=500", "speed=500"), hop: 2000).Run(96), 2);
        for (int f = 12; f < 96; f++)
        {
            Assert.Equal(z3[f - 12], z3[f]);
        }
    }

    [Fact]
    public void Time_chaos_spreads_the_loop_lengths_of_the_dimensions()
    {
        var runner = new BankRunner(BankRunner.Settings("simplex", "time.chaos=50"), hop: 2000, bpm: 120);
        var values = new double[ParameterTable.Count];
        runner.Parameters.CopyTo(values);
        double[] factors = Enumerable.Range(0, 8).Select(d => ModulatorBank.ChaosFactor(values, d)).ToArray();
        Assert.All(factors, f => Assert.InRange(f, 0.5, 1.5));
        Assert.True(factors.Max() - factors.Min() > 0.2, "chaos 50% barely spreads the loop lengths");

        Assert.Null(runner.Parameters.TrySetFromText("time.chaos=0"));
        runner.Parameters.CopyTo(values);
        Assert.All(Enumerable.Range(0, 8), d => Assert.Equal(1.0, ModulatorBank.ChaosFactor(values, d)));
    }

    [Fact]
    public void Trigger_restarts_all_eight_from_their_seeds()
    {
        ParameterSet p = BankRunner.Settings("distorted", "speed=500", "seed=7");
        double[,] fresh = new BankRunner(p).Run(60);

        var runner = new BankRunner(p);
        runner.Run(137);
        runner.Bank.Trigger();
        double[,] after = runner.Run(60);
        Assert.Equal(fresh, after);

        // Left alone, the same bank would have gone on somewhere else.
        double[,] untriggered = new BankRunner(p).Run(197);
        for (int d = 0; d < 8; d++)
        {
            Assert.NotEqual(BankRunner.Column(untriggered, d)[137..], BankRunner.Column(after, d));
        }
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public void Seed_link_makes_all_eight_equal(string basis)
    {
        double[,] run = new BankRunner(BankRunner.Settings(basis, "seed.link=on", "speed=500", "rate=12")).Run(300);
        double[] first = BankRunner.Column(run, 0);
        for (int d = 1; d < 8; d++)
        {
            Assert.Equal(first, BankRunner.Column(run, d));
        }
    }

    [Fact]
    public void Modulation_off_leaves_the_offsets_and_the_encoder_latent()
    {
        ParameterSet p = BankRunner.Settings("fractal", "mod=off", "offset.2=1.25", "offset.8=-0.5");
        var bank = new ModulatorBank(BankRunner.SampleRate / 2048);
        var values = new double[ParameterTable.Count];
        p.CopyTo(values);
        float[] z = [0.5f, 0, 0, 0, 0, 0, 0, 1];
        var output = new float[8];
        bank.Advance(values, TempoState.Stopped, z, output);
        Assert.Equal(new[] { 0.5f, 1.25f, 0, 0, 0, 0, 0, 0.5f }, output);
    }

    [Fact]
    public void Deviation_spreads_the_offsets_per_dimension_and_mode_bounds_the_result()
    {
        ParameterSet p = BankRunner.Settings("cell", "mod=off", "deviation=3", "offset.1=2", "mode=clip");
        double[,] run = new BankRunner(p).Run(1);
        var row = Enumerable.Range(0, 8).Select(d => run[0, d]).ToArray();
        Assert.True(row.Distinct().Count() >= 7, "deviation should give each dimension its own offset");
        Assert.All(row, v => Assert.InRange(v, -3.0, 3.0));
        Assert.True(row.Max() - row.Min() > 2, "deviation 3 should spread the offsets widely");
    }
}

[Collection(AllocationCollection.Name)]
public class ModulatorBankAllocationTests
{
    [Fact]
    public void Advancing_one_frame_allocates_nothing()
    {
        ParameterSet p = BankRunner.Settings("fractal", "time.1=1/8", "time.2=free", "time.chaos=30", "deviation=1");
        var values = new double[ParameterTable.Count];
        p.CopyTo(values);
        var bank = new ModulatorBank(BankRunner.SampleRate / 2048);
        var clock = new TempoClock(BankRunner.SampleRate, 133);
        clock.Start();
        var z = new float[8];
        var output = new float[8];

        foreach (string basis in ParameterTable.BasisNames)
        {
            values[(int)ParameterId.Basis] = ParameterTable.BasisNames.ToList().IndexOf(basis);
            bank.Advance(values, clock.State, z, output);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int collections = GC.CollectionCount(0);
            for (int i = 0; i < 2000; i++)
            {
                bank.Advance(values, clock.State, z, output);
                clock.Advance(2048);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(collections, GC.CollectionCount(0));
        }
    }
}
