namespace LatentPlayground.Hardware.Encoder;

/// <summary>
/// The Gray-code state machine of a quadrature encoder. The two contacts A and B step through
/// 11 → 01 → 00 → 10 → 11 (A, B; contacts open = 1 with pull-ups) when A leads, which this class calls
/// clockwise, and the reverse the other way. Each valid transition moves one step; a transition that changes
/// both bits at once is impossible for a working encoder (a missed sample or noise) and is rejected: it is
/// counted in <see cref="InvalidTransitions"/> and the partial detent is dropped.
/// <para>
/// A detent is reported only when the contacts arrive at a rest position having moved a whole detent's worth
/// of steps in one direction. Contact bounce (A going 1→0→1 while B stays) steps forward and back and sums to
/// nothing, so it never makes a detent.
/// </para>
/// Pure logic. Thread: one thread at a time (callers serialise).
/// </summary>
public sealed class QuadratureDecoder
{
    // Position of each AB state along the clockwise cycle: 11 → 01 → 00 → 10.
    private static ReadOnlySpan<byte> Position => [2, 1, 3, 0]; // index = (A << 1) | B

    private readonly int _transitionsPerDetent;
    private int _state;
    private int _steps;

    /// <summary>
    /// A decoder for an encoder with <paramref name="transitionsPerDetent"/> transitions between detents:
    /// 4 (a full cycle per detent, e.g. 20-detent/20-pulse EC11 types), 2 (half a cycle, e.g. 30-detent/15-pulse),
    /// or 1. <paramref name="a"/> and <paramref name="b"/> are the contacts' levels now.
    ///  Thread: any.</summary>
    public QuadratureDecoder(int transitionsPerDetent, bool a, bool b)
    {
        if (transitionsPerDetent is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(transitionsPerDetent), transitionsPerDetent, "must be 1, 2 or 4");
        }

        _transitionsPerDetent = transitionsPerDetent;
        _state = Encode(a, b);
    }

    /// <summary>Transitions rejected because both contacts changed at once.</summary>
    public long InvalidTransitions { get; private set; }

    /// <summary>
    /// The contacts are now at <paramref name="a"/>, <paramref name="b"/>. Returns +1 for a clockwise detent,
    /// -1 for a counter-clockwise detent, 0 otherwise. Thread: the caller's (serialised).
    /// </summary>
    public int Update(bool a, bool b)
    {
        int next = Encode(a, b);
        if (next == _state)
        {
            return 0;
        }

        int move = (Position[next] - Position[_state] + 4) % 4;
        _state = next;
        if (move == 2)
        {
            InvalidTransitions++;
            _steps = 0;
            return 0;
        }

        _steps += move == 1 ? 1 : -1;
        if (Position[next] % _transitionsPerDetent != 0)
        {
            return 0;
        }

        // At a rest position: a whole detent in one direction counts, anything else (bounce, a rejected
        // transition on the way) is dropped so the count starts clean from here.
        int detent = _steps >= _transitionsPerDetent ? 1 : _steps <= -_transitionsPerDetent ? -1 : 0;
        _steps = 0;
        return detent;
    }

    private static int Encode(bool a, bool b) => (a ? 2 : 0) | (b ? 1 : 0);
}
