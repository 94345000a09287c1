using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>
/// How an encoder detent edits a value, for any parameter of the table: toggles flip, choices step one
/// (stopping at the ends, so a fast turn cannot wrap a basis round), whole numbers step by the accelerated
/// step, and continuous values move 1/200 of their (tapered) travel per step, never less than one shown
/// digit, rounded to what the display shows. Pure arithmetic. Thread: any.
/// </summary>
public static class ParameterStepper
{
    /// <summary>Detents at step 1 for a continuous value's whole travel.</summary>
    public const int DetentsPerTravel = 200;

    /// <summary>The value after turning <paramref name="step"/> detents (signed, accelerated) from <paramref name="current"/>.</summary>
    public static double Step(ParameterDescriptor parameter, double current, int step)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (step == 0)
        {
            return current;
        }

        switch (parameter.Kind)
        {
            case ParameterKind.Toggle:
                return current >= 0.5 ? 0 : 1;
            case ParameterKind.Action:
                return current;
            case ParameterKind.Choice:
                return parameter.Coerce(Math.Round(current) + Math.Sign(step));
            case ParameterKind.Whole:
                return parameter.Coerce(Math.Round(current) + step);
            default:
                double position = parameter.ToNormalized(current) + ((double)step / DetentsPerTravel);
                double next = Math.Round(parameter.FromNormalized(position), parameter.Decimals, MidpointRounding.AwayFromZero);
                double digit = Math.Pow(10, -parameter.Decimals);
                if (Math.Abs(next - current) < digit / 2)
                {
                    next = current + (Math.Sign(step) * digit);
                }

                return parameter.Coerce(next);
        }
    }
}
