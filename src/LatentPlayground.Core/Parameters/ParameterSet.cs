namespace LatentPlayground.Core.Parameters;

/// <summary>
/// The current value of every parameter, as the control side sees it. Not thread-safe: one owner
/// (the control thread, or the render loop) changes it and posts changes to the engine.
/// </summary>
public sealed class ParameterSet
{
    private readonly double[] _values = new double[ParameterTable.Count];

    public ParameterSet()
    {
        ResetAll();
    }

    public double this[ParameterId id] => _values[(int)id];

    public bool IsOn(ParameterId id) => _values[(int)id] >= 0.5;

    public int IndexOf(ParameterId id) => (int)Math.Round(_values[(int)id]);

    /// <summary>Sets a value, which must be valid for the parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the parameter's range.</exception>
    public void Set(ParameterId id, double value)
    {
        ParameterDescriptor d = ParameterTable.Get(id);
        if (d.Kind == ParameterKind.Action)
        {
            return;
        }

        if (!d.IsValid(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{d.Name}: {value} is out of range {d.Format(d.Min)} .. {d.Format(d.Max)}");
        }

        _values[(int)id] = value;
    }

    /// <summary>Parses "name=value" as the CLI's --set takes it. Returns an error line, or null on success.</summary>
    public string? TrySetFromText(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return $"'{assignment}' is not NAME=VALUE";
        }

        string name = assignment[..eq];
        if (!ParameterTable.TryFind(name, out ParameterDescriptor d))
        {
            return $"'{name.Trim()}' is not a parameter (see 'latentplayground params')";
        }

        if (!d.TryParse(assignment[(eq + 1)..], out double value, out string error))
        {
            return error;
        }

        if (d.Kind == ParameterKind.Action)
        {
            return $"{d.Name}: is an action, not a setting";
        }

        _values[(int)d.Id] = value;
        return null;
    }

    /// <summary>Restores every parameter's default.</summary>
    public void ResetAll()
    {
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            _values[(int)d.Id] = d.Default;
        }
    }

    /// <summary>The Reset action: restores every modulator parameter except basis and mode.</summary>
    public void ResetModulators()
    {
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            if (ParameterTable.IsResetByModulatorReset(d.Id))
            {
                _values[(int)d.Id] = d.Default;
            }
        }
    }

    /// <summary>Copies every value into <paramref name="destination"/>, indexed by <see cref="ParameterId"/>.</summary>
    public void CopyTo(Span<double> destination) => _values.CopyTo(destination);

    /// <summary>An independent copy.</summary>
    public ParameterSet Clone()
    {
        var copy = new ParameterSet();
        _values.CopyTo(copy._values, 0);
        return copy;
    }
}
