using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Presets;

namespace LatentPlayground.Render;

/// <summary>
/// The settings a command starts from, in the one order <c>render</c> and <c>xy add</c> share: the table's defaults,
/// then a preset (a file, or a name in the bank or the factory presets), then each <c>NAME=VALUE</c> in order; and
/// where the files a preset names (its bend, its XY mapping) lie. Thread: main (reads preset files).
/// </summary>
public static class StartingParameters
{
    /// <summary>The preset <paramref name="nameOrFile"/> names, or null when none was given.</summary>
    /// <exception cref="UsageException">Not found or invalid, in one line.</exception>
    public static Preset? Resolve(string? nameOrFile, string bankFolder) =>
        nameOrFile is null ? null : PresetLocations.Resolve(nameOrFile, bankFolder);

    /// <summary>A new set: the defaults, or a copy of <paramref name="preset"/>'s values.</summary>
    public static ParameterSet From(Preset? preset) => preset?.Parameters.Clone() ?? new ParameterSet();

    /// <summary>Applies each <c>NAME=VALUE</c> in order; the first bad one is a usage error naming <paramref name="option"/>.</summary>
    public static void Apply(ParameterSet parameters, IEnumerable<string> assignments, string option)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(assignments);
        foreach (string text in assignments)
        {
            string? error = parameters.TrySetFromText(text);
            if (error is not null)
            {
                throw new UsageException($"{option}: {error}");
            }
        }
    }

    /// <summary>
    /// Where a file that preset <paramref name="nameOrFile"/> names lies: an absolute path as it is, a relative one in
    /// the preset file's folder, or in the bank's for a preset given by name.
    /// </summary>
    public static string Beside(string nameOrFile, string bankFolder, string reference)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        ArgumentNullException.ThrowIfNull(reference);
        string folder = File.Exists(nameOrFile) ? Path.GetDirectoryName(Path.GetFullPath(nameOrFile)) ?? "." : bankFolder;
        return Path.IsPathRooted(reference) ? reference : Path.Combine(folder, reference);
    }
}
