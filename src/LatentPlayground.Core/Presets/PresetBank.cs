namespace LatentPlayground.Core.Presets;

/// <summary>
/// The presets of a bank folder in recall order (file names, ordinal, so "01-..." numbering sorts as
/// written), with the current one. Next and previous wrap around. Banks of <see cref="BankSize"/>
/// presets are what bank up and down step through: the slot within the bank stays, so a player who
/// knows "slot 3" finds slot 3 of the next bank. Program Change n recalls the preset at index n.
/// Thread: the control thread; plain data, no I/O.
/// </summary>
public sealed class PresetBank
{
    /// <summary>Presets per bank for bank up and down: one row of eight, as on most multi-effects.</summary>
    public const int BankSize = 8;

    private readonly List<PresetEntry> _entries;

    public PresetBank(IEnumerable<PresetEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.OrderBy(e => e.FileName, StringComparer.Ordinal)];
        Current = _entries.Count > 0 ? 0 : -1;
    }

    public IReadOnlyList<PresetEntry> Entries => _entries;

    public int Count => _entries.Count;

    /// <summary>Index of the current preset, -1 when the bank is empty.</summary>
    public int Current { get; private set; }

    public PresetEntry? CurrentEntry => Current >= 0 ? _entries[Current] : null;

    /// <summary>Moves to the next preset (wrapping) and returns it; null when the bank is empty.</summary>
    public PresetEntry? Next() => Move(1);

    public PresetEntry? Previous() => Move(-1);

    /// <summary>The same slot in the next bank of <see cref="BankSize"/> (wrapping; the last, short bank clamps the slot).</summary>
    public PresetEntry? BankUp() => MoveBank(1);

    public PresetEntry? BankDown() => MoveBank(-1);

    /// <summary>
    /// The index <paramref name="step"/> presets from <paramref name="from"/> (wrapping), without moving; -1 when
    /// the bank is empty. Lets the control side move only once the engine took the switch.
    /// </summary>
    public int IndexAfter(int from, int step) =>
        _entries.Count == 0 ? -1 : (((Math.Max(from, 0) + step) % _entries.Count) + _entries.Count) % _entries.Count;

    /// <summary>The same slot <paramref name="step"/> banks from <paramref name="from"/> (see <see cref="BankUp"/>), without moving; -1 when empty.</summary>
    public int IndexInBank(int from, int step)
    {
        if (_entries.Count == 0)
        {
            return -1;
        }

        from = Math.Max(from, 0);
        int banks = (_entries.Count + BankSize - 1) / BankSize;
        int bank = ((((from / BankSize) + step) % banks) + banks) % banks;
        return Math.Min((bank * BankSize) + (from % BankSize), _entries.Count - 1);
    }

    /// <summary>Selects the preset at <paramref name="index"/> (Program Change n selects index n). False when there is none.</summary>
    public bool TrySelect(int index, out PresetEntry? entry)
    {
        entry = null;
        if (index < 0 || index >= _entries.Count)
        {
            return false;
        }

        Current = index;
        entry = _entries[index];
        return true;
    }

    /// <summary>Replaces the preset at <paramref name="index"/> (after it was saved over its file).</summary>
    public void Replace(int index, PresetEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _entries.Count);
        _entries[index] = entry;
    }

    /// <summary>Index of the preset with this file name or preset name (case-insensitive), or -1.</summary>
    public int IndexOf(string nameOrFile)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        for (int i = 0; i < _entries.Count; i++)
        {
            PresetEntry e = _entries[i];
            if (string.Equals(e.FileName, nameOrFile, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileNameWithoutExtension(e.FileName), nameOrFile, StringComparison.OrdinalIgnoreCase)
                || string.Equals(e.Preset.Name, nameOrFile, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private PresetEntry? Move(int step) => TrySelect(IndexAfter(Current, step), out PresetEntry? entry) ? entry : null;

    private PresetEntry? MoveBank(int step) => TrySelect(IndexInBank(Current, step), out PresetEntry? entry) ? entry : null;
}
