using LatentPlayground.Hardware.Encoder;

namespace LatentPlayground.Hardware.Tests.Encoder;

public sealed class QuadratureDecoderTests
{
    // (A, B) levels, contacts open = high, along one clockwise detent from rest.
    private static readonly (bool A, bool B)[] Clockwise = [(false, true), (false, false), (true, false), (true, true)];

    private static int Feed(QuadratureDecoder d, IEnumerable<(bool A, bool B)> levels) => levels.Sum(l => d.Update(l.A, l.B));

    [Fact]
    public void A_clockwise_cycle_is_one_detent_forward_reported_at_the_rest_position()
    {
        var d = new QuadratureDecoder(4, true, true);
        Assert.Equal(0, d.Update(false, true));
        Assert.Equal(0, d.Update(false, false));
        Assert.Equal(0, d.Update(true, false));
        Assert.Equal(1, d.Update(true, true));
    }

    [Fact]
    public void The_reverse_cycle_is_one_detent_back()
    {
        var d = new QuadratureDecoder(4, true, true);
        Assert.Equal(-1, Feed(d, Clockwise.Reverse().Skip(1).Append((true, true))));
    }

    [Fact]
    public void Bounce_on_one_contact_cancels_out()
    {
        var d = new QuadratureDecoder(4, true, true);
        (bool, bool)[] chatter = [(false, true), (true, true), (false, true), (true, true), (false, true)];
        Assert.Equal(0, Feed(d, chatter));
        Assert.Equal(1, Feed(d, [(false, false), (false, true), (false, false), (true, false), (true, true)]));
        Assert.Equal(0, d.InvalidTransitions);
    }

    [Fact]
    public void Half_a_detent_and_back_is_nothing()
    {
        var d = new QuadratureDecoder(4, true, true);
        Assert.Equal(0, Feed(d, [(false, true), (false, false), (false, true), (true, true)]));
    }

    [Fact]
    public void A_jump_of_both_contacts_is_rejected_and_drops_the_detent()
    {
        var d = new QuadratureDecoder(4, true, true);
        Assert.Equal(0, Feed(d, [(false, true), (true, false), (true, true)]));
        Assert.Equal(1, d.InvalidTransitions);
        Assert.Equal(1, Feed(d, Clockwise));   // the next clean detent counts again
    }

    [Fact]
    public void Two_transitions_per_detent_rests_at_both_00_and_11()
    {
        var d = new QuadratureDecoder(2, true, true);
        Assert.Equal(0, d.Update(false, true));
        Assert.Equal(1, d.Update(false, false));
        Assert.Equal(0, d.Update(true, false));
        Assert.Equal(1, d.Update(true, true));
        Assert.Equal(0, d.Update(true, false));
        Assert.Equal(-1, d.Update(false, false));
    }

    [Fact]
    public void Only_1_2_and_4_transitions_per_detent_are_accepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadratureDecoder(3, true, true));
    }
}
