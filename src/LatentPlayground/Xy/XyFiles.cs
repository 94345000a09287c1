using LatentPlayground.Core.Xy;
using LatentPlayground.Files;

namespace LatentPlayground.Xy;

/// <summary>
/// XY mappings on disk (<see cref="XyMappingJson"/>): read with the size and file-kind checks every input gets,
/// written atomically so a power cut leaves the old mapping or the new one, never half of either.
/// Thread: any non-real-time thread (the CLI, the pedal's persistence writer, a loader off the control thread).
/// </summary>
public static class XyFiles
{
    /// <summary>Reads a mapping.</summary>
    /// <exception cref="XyFormatException">Anything wrong in the file, in one line naming the field.</exception>
    /// <exception cref="InputFileException">A path that is not a readable regular file, or too large.</exception>
    public static XyMapping Load(string path)
    {
        string text = InputFile.ReadAllText(path, InputFile.SmallJsonLimit, "XY mapping");
        return XyMappingJson.Parse(text, path);
    }

    /// <summary>Writes <paramref name="mapping"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="inputs">Files the caller read, which the output must not land on.</param>
    public static void Save(string path, XyMapping mapping, params NamedPath[] inputs)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        string target = OutputFile.Check(new NamedPath(path, "XY mapping"), inputs);
        AtomicFile.WriteText(target, XyMappingJson.Serialize(mapping), displayPath: path);
    }

    /// <summary>
    /// Where a preset's mapping reference points: a file name beside the preset (a preset names its mapping the way
    /// it names its bend), or an absolute path.
    /// </summary>
    public static string Beside(string presetPath, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Path.IsPathRooted(reference) ? reference : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(presetPath)) ?? ".", reference);
    }
}
