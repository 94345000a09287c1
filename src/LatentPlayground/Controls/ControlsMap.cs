using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Controls;

/// <summary>What the expression pedal drives: heel gives <see cref="Heel"/>, toe <see cref="Toe"/>, in the parameter's units.</summary>
public sealed record ExpressionBinding(ParameterId Parameter, double Heel, double Toe)
{
    /// <summary>Dry/wet, heel dry, toe wet: a blend pedal, the one use every player expects.</summary>
    public static ExpressionBinding Default { get; } = new(ParameterId.DryWet, 0, 100);

    /// <summary>The parameter value for a pedal position 0 (heel) .. 1 (toe), following the parameter's taper.</summary>
    public double ValueAt(double position)
    {
        ParameterDescriptor d = ParameterTable.Get(Parameter);
        double heel = d.ToNormalized(Heel), toe = d.ToNormalized(Toe);
        return d.FromNormalized(heel + ((toe - heel) * Math.Clamp(position, 0, 1)));
    }

    /// <summary>The pedal position that gives <paramref name="value"/> (for soft takeover after a recall).</summary>
    public double PositionOf(double value)
    {
        ParameterDescriptor d = ParameterTable.Get(Parameter);
        double heel = d.ToNormalized(Heel), toe = d.ToNormalized(Toe);
        return toe == heel ? 0 : Math.Clamp((d.ToNormalized(value) - heel) / (toe - heel), 0, 1);
    }
}

/// <summary>The controls map (<c>hardware/controls.json</c>): footswitch gestures, knob pages and the expression pedal.</summary>
public sealed record ControlsMap(FootswitchMap Footswitches, KnobLayout Knobs, ExpressionBinding Expression)
{
    public static ControlsMap Default { get; } = new(FootswitchMap.Default, KnobLayout.Default, ExpressionBinding.Default);
}
