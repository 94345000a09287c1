using LatentPlayground.Midi.Clock;

namespace LatentPlayground.Midi.Tests.Clock;

public sealed class TapTempoTests
{
    [Fact]
    public void Two_taps_give_a_tempo_and_more_taps_average_the_last_four_intervals()
    {
        var tap = new TapTempo();
        Assert.False(tap.Tap(10.0));
        Assert.True(tap.Tap(10.5));
        Assert.Equal(120, tap.Bpm, 9);

        // Intervals 0.5, 0.6, 0.5, 0.4, then 0.5: the first drops out of the average.
        tap.Tap(11.1);
        tap.Tap(11.6);
        tap.Tap(12.0);
        Assert.Equal(60.0 / 0.5, tap.Bpm, 9);
        tap.Tap(12.5);
        Assert.Equal(60.0 / ((0.6 + 0.5 + 0.4 + 0.5) / 4), tap.Bpm, 9);
        Assert.Equal(6, tap.TapsInSeries);
    }

    [Fact]
    public void A_gap_over_two_seconds_starts_a_new_series_and_the_tempo_holds_until_its_second_tap()
    {
        var tap = new TapTempo();
        tap.Tap(0);
        tap.Tap(0.25);
        tap.Tap(0.5);
        Assert.Equal(240, tap.Bpm, 9);

        Assert.False(tap.Tap(2.6)); // 2.1 s later
        Assert.Equal(1, tap.TapsInSeries);
        Assert.Equal(240, tap.Bpm, 9);
        Assert.True(tap.Tap(3.6));
        Assert.Equal(60, tap.Bpm, 9); // only the new series counts
    }

    [Fact]
    public void The_tempo_is_clamped_to_20_to_400_and_bad_taps_are_ignored()
    {
        var tap = new TapTempo();
        tap.Tap(1);
        tap.Tap(1.05); // 1200 BPM
        Assert.Equal(400, tap.Bpm);
        Assert.False(tap.Tap(1.05));
        Assert.False(tap.Tap(0.5));
        Assert.False(tap.Tap(double.NaN));
        Assert.Equal(20, new TapTempo(5).Bpm);
    }

    [Fact]
    public void Reset_forgets_the_series_and_keeps_the_tempo()
    {
        var tap = new TapTempo();
        tap.Tap(0);
        tap.Tap(0.4);
        tap.Reset();
        Assert.Equal(0, tap.TapsInSeries);
        Assert.Equal(150, tap.Bpm, 9);
        Assert.False(tap.Tap(0.5));
    }
}
