using LatentPlayground.Files;
using LatentPlayground.Core.Presets;

namespace LatentPlayground.Presets;

/// <summary>
/// A bank on disk: a folder of preset JSON files. Loading never fails on one bad file: a corrupt or
/// hand-edited invalid preset is skipped with one message naming the file and the field, and the rest
/// load. Saving is atomic (temporary file, fsync, rename, fsync of the folder), so a power cut at any
/// moment leaves the old preset or the new one. Thread: control or worker, never real-time.
/// </summary>
public static class PresetFolder
{
    /// <summary>Reads every <c>*.json</c> file of <paramref name="folder"/> (files starting with a dot are temporary and skipped).</summary>
    public static (PresetBank Bank, IReadOnlyList<string> Problems) Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var problems = new List<string>();
        var entries = new List<PresetEntry>();
        if (!Directory.Exists(folder))
        {
            problems.Add($"{folder}: preset bank folder does not exist");
            return (new PresetBank(entries), problems);
        }

        foreach (string path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            string file = Path.GetFileName(path);
            if (file.StartsWith('.'))
            {
                continue;
            }

            try
            {
                entries.Add(new PresetEntry(file, PresetJson.Parse(InputFile.ReadAllText(path, InputFile.SmallJsonLimit, "preset"), path)));
            }
            catch (Exception e) when (e is PresetFormatException or InputFileException)
            {
                problems.Add($"{e.Message} (skipped)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: cannot read: {e.Message} (skipped)");
            }
        }

        return (new PresetBank(entries), problems);
    }

    /// <summary>Writes <paramref name="preset"/> as <paramref name="fileName"/> in <paramref name="folder"/>, atomically.</summary>
    public static string Save(string folder, string fileName, Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        AtomicFile.WriteText(path, PresetJson.Serialize(preset));
        return path;
    }

    /// <summary>A file name for a new preset: the next free two-digit number and a slug of the name, e.g. "09-glass-drift.json".</summary>
    public static string NewFileName(PresetBank bank, string name)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(name);
        int next = 1;
        foreach (PresetEntry e in bank.Entries)
        {
            int dash = e.FileName.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(e.FileName.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
            {
                next = Math.Max(next, n + 1);
            }
        }

        var slug = new System.Text.StringBuilder();
        foreach (char c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        string s = slug.ToString().Trim('-');
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{next:00}-{(s.Length == 0 ? "preset" : s)}.json");
    }
}
