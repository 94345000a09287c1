namespace LatentPlayground.Sim;

/// <summary>
/// The simulator's keyboard: footswitches a/s/d (tap) and A/S/D (held 0.8 s, a long press; tap twice quickly for
/// a double press), the encoder , and . (or the arrow keys), its push Enter or space (held: Backspace or /),
/// knobs 1-4 up and q/w/e/r down, the expression pedal 5 up and t down. Thread: the control thread.
/// </summary>
public static class SimKeys
{
    public static readonly TimeSpan Tap = TimeSpan.FromMilliseconds(120);
    public static readonly TimeSpan LongHold = TimeSpan.FromMilliseconds(800);

    /// <summary>How far one key press moves a knob or the pedal.</summary>
    public const double KnobStep = 0.05;

    public const string Help =
        "footswitches a s d (hold A S D)  encoder , . or arrows, push Enter (hold Bksp)\n" +
        "knobs 1 2 3 4 up, q w e r down   expression 5 up, t down   quit: Ctrl-C or x";

    /// <summary>Applies one key; false when the key means nothing (or quits: <paramref name="quit"/>).</summary>
    public static bool Apply(SimulatedPedal pedal, char key, out bool quit)
    {
        ArgumentNullException.ThrowIfNull(pedal);
        quit = false;
        switch (key)
        {
            case 'a' or 's' or 'd':
                pedal.Press(Footswitch(key), Tap);
                return true;
            case 'A' or 'S' or 'D':
                pedal.Press(Footswitch(char.ToLowerInvariant(key)), LongHold);
                return true;
            case ',' or '<':
                pedal.Turn(-1);
                return true;
            case '.' or '>':
                pedal.Turn(1);
                return true;
            case '\r' or '\n' or ' ':
                pedal.Push(Tap);
                return true;
            case '\b' or '/' or (char)127:
                pedal.Push(LongHold);
                return true;
            case >= '1' and <= '4':
                return Knob(pedal, key - '1', +KnobStep);
            case 'q' or 'w' or 'e' or 'r':
                return Knob(pedal, "qwer".IndexOf(key, StringComparison.Ordinal), -KnobStep);
            case '5':
                pedal.SetExpression(pedal.ExpressionPosition + KnobStep);
                return true;
            case 't':
                pedal.SetExpression(pedal.ExpressionPosition - KnobStep);
                return true;
            case 'x' or (char)3:
                quit = true;
                return true;
            default:
                return false;
        }
    }

    private static string Footswitch(char key) => key switch
    {
        'a' => "A",
        's' => "B",
        _ => "C",
    };

    private static bool Knob(SimulatedPedal pedal, int index, double delta)
    {
        if (index >= pedal.Knobs.Length)
        {
            return false;
        }

        pedal.SetKnob(index, pedal.Knobs[index] + delta);
        return true;
    }
}
