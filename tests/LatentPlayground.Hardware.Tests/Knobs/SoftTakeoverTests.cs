using LatentPlayground.Hardware.Knobs;

namespace LatentPlayground.Hardware.Tests.Knobs;

public sealed class SoftTakeoverTests
{
    // Turns the knob from one position to another in small steps, with smoothing settled at each step.
    private static int Turn(KnobProcessor knob, double from, double to, int steps = 400)
    {
        int changes = 0;
        for (int i = 1; i <= steps; i++)
        {
            changes += knob.Process(from + ((to - from) * i / steps)) ? 1 : 0;
        }

        for (int i = 0; i < 50; i++)
        {
            changes += knob.Process(to) ? 1 : 0;
        }

        return changes;
    }

    [Fact]
    public void After_a_recall_the_knob_does_nothing_until_it_crosses_the_stored_value_from_below()
    {
        var knob = new KnobProcessor();
        knob.Process(0.2);
        knob.Recall(0.7);
        Assert.True(knob.TakeoverPending);
        Assert.Equal(0.7, knob.Value);

        Assert.Equal(0, Turn(knob, 0.2, 0.0));     // away from it: nothing
        Assert.Equal(0, Turn(knob, 0.0, 0.66));    // towards it, not yet there: nothing
        Assert.Equal(0.7, knob.Value);
        Assert.True(knob.TakeoverPending);

        Assert.True(Turn(knob, 0.66, 0.9) > 0);    // passes 0.7: the knob acts
        Assert.False(knob.TakeoverPending);
        Assert.InRange(knob.Value, ((0.9 - 0.015) / 0.97) - 0.005, (0.9 - 0.015) / 0.97);
    }

    [Fact]
    public void The_pickup_happens_at_the_stored_value_not_with_a_jump()
    {
        var knob = new KnobProcessor();
        knob.Process(0.2);
        knob.Recall(0.5);
        double? first = null;
        for (int i = 1; i <= 400 && first is null; i++)
        {
            if (knob.Process(0.2 + (0.6 * i / 400)))
            {
                first = knob.Value;
            }
        }

        Assert.NotNull(first);
        Assert.InRange(first!.Value, 0.49, 0.52);
    }

    [Fact]
    public void Crossing_from_above_also_picks_up()
    {
        var knob = new KnobProcessor();
        knob.Process(0.9);
        knob.Recall(0.3);
        Assert.Equal(0, Turn(knob, 0.9, 0.35));
        Assert.Equal(0.3, knob.Value);
        Assert.True(Turn(knob, 0.35, 0.1) > 0);
        Assert.False(knob.TakeoverPending);
    }

    [Fact]
    public void A_knob_already_at_the_stored_value_picks_up_silently()
    {
        var knob = new KnobProcessor();
        knob.Process(0.5);
        knob.Recall(0.495);
        Assert.False(knob.TakeoverPending);
        Assert.Equal(0.495, knob.Value);
        Assert.Equal(0, Turn(knob, 0.5, 0.5));
        Assert.True(Turn(knob, 0.5, 0.6) > 0);
    }

    [Fact]
    public void A_recall_before_the_first_reading_waits_for_it_to_decide_the_side()
    {
        var knob = new KnobProcessor();
        knob.Recall(0.8);
        Assert.True(knob.HasValue);
        Assert.False(knob.Process(0.1));
        Assert.True(knob.TakeoverPending);
        Assert.Equal(0.8, knob.Value);
        Assert.Equal(0, Turn(knob, 0.1, 0.7));
        Assert.True(Turn(knob, 0.7, 1.0) > 0);
    }

    [Fact]
    public void Cancelling_a_takeover_lets_the_next_movement_act()
    {
        var knob = new KnobProcessor();
        knob.Process(0.2);
        knob.Recall(0.7);
        knob.CancelTakeover();
        Assert.True(Turn(knob, 0.2, 0.3) > 0);
        Assert.InRange(knob.Value, ((0.3 - 0.015) / 0.97) - 0.005, (0.3 - 0.015) / 0.97);
    }
}
