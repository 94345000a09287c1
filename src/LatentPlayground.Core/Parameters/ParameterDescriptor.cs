using System.Globalization;

namespace LatentPlayground.Core.Parameters;

/// <summary>
/// One row of the parameter table: the single definition of a control's name, range, unit,
/// default, display format and default MIDI CC. Immutable; safe to read from any thread.
/// </summary>
public sealed class ParameterDescriptor
{
    internal ParameterDescriptor(
        ParameterId id,
        string name,
        string label,
        string group,
        ParameterKind kind,
        double min,
        double max,
        double defaultValue,
        string unit,
        int decimals,
        ParameterTaper taper,
        IReadOnlyList<string>? choices,
        int defaultCc,
        string description)
    {
        Id = id;
        Name = name;
        Label = label;
        Group = group;
        Kind = kind;
        Min = min;
        Max = max;
        Default = defaultValue;
        Unit = unit;
        Decimals = decimals;
        Taper = taper;
        Choices = choices ?? [];
        DefaultCc = defaultCc;
        Description = description;
        _numberFormat = "F" + decimals.ToString(CultureInfo.InvariantCulture);
    }

    private readonly string _numberFormat;

    public ParameterId Id { get; }

    /// <summary>The name used by the CLI, presets and MIDI maps, e.g. "speed" or "offset.3".</summary>
    public string Name { get; }

    /// <summary>A short label that fits the 128x64 display (at most 8 characters).</summary>
    public string Label { get; }

    /// <summary>The group the control belongs to: "engine", "latent", "modulator" or "action".</summary>
    public string Group { get; }

    public ParameterKind Kind { get; }

    public double Min { get; }

    public double Max { get; }

    public double Default { get; }

    /// <summary>Unit shown after the value ("%", "dB", "Hz", "ms"), empty when the value has none.</summary>
    public string Unit { get; }

    /// <summary>Digits after the decimal point when displayed.</summary>
    public int Decimals { get; }

    public ParameterTaper Taper { get; }

    /// <summary>Names of the choices of a <see cref="ParameterKind.Choice"/> parameter; empty otherwise.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>The MIDI Control Change number that drives this parameter in the default map.</summary>
    public int DefaultCc { get; }

    /// <summary>One sentence for help texts.</summary>
    public string Description { get; }

    /// <summary>True when <paramref name="value"/> is a value this parameter can hold.</summary>
    public bool IsValid(double value)
    {
        if (double.IsNaN(value) || value < Min || value > Max)
        {
            return false;
        }

        return Kind is ParameterKind.Continuous || value == Math.Floor(value);
    }

    /// <summary>Brings any number into range, rounding where the kind needs whole values.</summary>
    public double Coerce(double value)
    {
        if (double.IsNaN(value))
        {
            return Default;
        }

        double v = Math.Clamp(value, Min, Max);
        return Kind is ParameterKind.Continuous ? v : Math.Round(v, MidpointRounding.AwayFromZero);
    }

    /// <summary>Maps a knob or CC position in [0, 1] onto the range, following the taper.</summary>
    public double FromNormalized(double position)
    {
        double p = Math.Clamp(position, 0.0, 1.0);
        double v = Taper == ParameterTaper.Logarithmic
            ? Min * Math.Pow(Max / Min, p)
            : Min + (p * (Max - Min));
        return Coerce(v);
    }

    /// <summary>The knob or CC position in [0, 1] that shows <paramref name="value"/>.</summary>
    public double ToNormalized(double value)
    {
        double v = Math.Clamp(value, Min, Max);
        if (Max == Min)
        {
            return 0;
        }

        return Taper == ParameterTaper.Logarithmic
            ? Math.Log(v / Min) / Math.Log(Max / Min)
            : (v - Min) / (Max - Min);
    }

    /// <summary>The value as the display and the CLI show it, in this parameter's unit.</summary>
    public string Format(double value)
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        return new string(text[..FormatInto(value, text)]);
    }

    /// <summary>The most characters <see cref="FormatInto"/> writes for any value of any parameter.</summary>
    public const int MaxFormattedLength = 32;

    /// <summary>
    /// <see cref="Format"/> without allocating, for the display's render loop: writes into
    /// <paramref name="destination"/> (at least <see cref="MaxFormattedLength"/> long) and returns the length.
    /// Thread: any.
    /// </summary>
    public int FormatInto(double value, Span<char> destination)
    {
        ReadOnlySpan<char> word;
        switch (Kind)
        {
            case ParameterKind.Toggle:
                word = value >= 0.5 ? "on" : "off";
                break;
            case ParameterKind.Action:
                word = "-";
                break;
            case ParameterKind.Choice:
                word = Choices[(int)Math.Clamp(Math.Round(value), 0, Choices.Count - 1)];
                break;
            default:
                if (!value.TryFormat(destination, out int written, _numberFormat, CultureInfo.InvariantCulture))
                {
                    written = 0;
                }

                if (Unit.Length > 0 && written + 1 + Unit.Length <= destination.Length)
                {
                    destination[written++] = ' ';
                    Unit.CopyTo(destination[written..]);
                    written += Unit.Length;
                }

                return written;
        }

        int n = Math.Min(word.Length, destination.Length);
        word[..n].CopyTo(destination);
        return n;
    }

    /// <summary>
    /// Parses a user's text: a number (an optional trailing unit is accepted), "on"/"off" for toggles,
    /// a choice name for choices. On failure, <paramref name="error"/> is one line naming the parameter.
    /// </summary>
    public bool TryParse(string text, out double value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        value = Default;
        error = string.Empty;

        if (Kind == ParameterKind.Toggle)
        {
            switch (t.ToLowerInvariant())
            {
                case "on" or "true" or "yes" or "1":
                    value = 1;
                    return true;
                case "off" or "false" or "no" or "0":
                    value = 0;
                    return true;
                default:
                    error = $"{Name}: '{text}' is not on or off";
                    return false;
            }
        }

        if (Kind == ParameterKind.Choice)
        {
            for (int i = 0; i < Choices.Count; i++)
            {
                if (string.Equals(Choices[i], t, StringComparison.OrdinalIgnoreCase))
                {
                    value = i;
                    return true;
                }
            }

            if (Id is >= ParameterId.Time1 and <= ParameterId.Time8 && Modulation.TimeDivision.TryParse(t, out int index))
            {
                value = index;
                return true;
            }

            error = $"{Name}: '{text}' is not one of {string.Join(", ", Choices)}";
            return false;
        }

        if (Unit.Length > 0 && t.EndsWith(Unit, StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^Unit.Length].TrimEnd();
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            error = $"{Name}: '{text}' is not a number";
            return false;
        }

        if (Kind == ParameterKind.Action)
        {
            value = v;
            return true;
        }

        if (v < Min || v > Max)
        {
            error = $"{Name}: {text} is out of range {Format(Min)} .. {Format(Max)}";
            return false;
        }

        if (Kind == ParameterKind.Whole && v != Math.Floor(v))
        {
            error = $"{Name}: {text} is not a whole number";
            return false;
        }

        value = v;
        return true;
    }
}
