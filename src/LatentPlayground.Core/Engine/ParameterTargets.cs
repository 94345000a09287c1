using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The engine's copy of every parameter value, changed only by <see cref="ParameterChange"/>s drained at
/// block boundaries. Actions are turned into effects here: Trigger raises a flag for the hop stage,
/// Reset restores the modulator parameters (as <see cref="ParameterSet.ResetModulators"/> does on the
/// control side) and triggers. Thread: the thread that runs the engine; never allocates.
/// </summary>
public sealed class ParameterTargets
{
    private readonly double[] _values = new double[ParameterTable.Count];

    public ParameterTargets()
    {
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            _values[(int)d.Id] = d.Default;
        }
    }

    public ReadOnlySpan<double> Values => _values;

    /// <summary>Takes every value of <paramref name="other"/>.</summary>
    public void CopyFrom(ParameterTargets other)
    {
        ArgumentNullException.ThrowIfNull(other);
        other._values.CopyTo(_values, 0);
    }

    /// <summary>Applies one change. Returns true when it asks the modulators to restart.</summary>
    public bool Apply(in ParameterChange change)
    {
        int i = (int)change.Id;
        if ((uint)i >= (uint)_values.Length)
        {
            return false;
        }

        switch (change.Id)
        {
            case ParameterId.Trigger:
                return change.Value >= 0.5;
            case ParameterId.LoopCapture:
                // A count, not a value: the looper captures each time it changes (a momentary action has no state).
                if (change.Value >= 0.5)
                {
                    _values[i] += 1;
                }

                return false;
            case ParameterId.Reset:
                if (change.Value < 0.5)
                {
                    return false;
                }

                // An index loop: enumerating the table through its interface boxes an enumerator, and this runs
                // on the real-time threads (a MIDI flood of CC resets allocated on both).
                for (int k = 0; k < ParameterTable.Count; k++)
                {
                    ParameterDescriptor d = ParameterTable.Get((ParameterId)k);
                    if (ParameterTable.IsResetByModulatorReset(d.Id))
                    {
                        _values[(int)d.Id] = d.Default;
                    }
                }

                return true;
            default:
                // The control side validates; out-of-range values that slip through are coerced, never trusted.
                _values[i] = ParameterTable.Get(change.Id).Coerce(change.Value);
                return false;
        }
    }

    /// <summary>
    /// Takes every value of <paramref name="values"/> (indexed by <see cref="ParameterId"/>) except the actions'
    /// coerced into range: a preset switch's snapshot.
    /// </summary>
    public void SetAllButActions(ReadOnlySpan<double> values)
    {
        // An index loop: enumerating the table through its interface would box an enumerator on a real-time thread.
        for (int i = 0; i < ParameterTable.Count; i++)
        {
            ParameterDescriptor d = ParameterTable.Get((ParameterId)i);
            if (d.Kind != ParameterKind.Action)
            {
                _values[i] = d.Coerce(values[i]);
            }
        }
    }
}
