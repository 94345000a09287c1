using System.Globalization;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Render;

/// <summary>
/// The XY files of a render, read before its outputs are checked so that no output lands on them: the mapping that
/// plays (<c>--xy</c>, else the preset's own while its <c>xy.predict</c> is on) and the <c>--xy-path</c> CSV.
/// Thread: main.
/// </summary>
public sealed class RenderXyInputs
{
    private readonly XyMapping? _mapping;
    private readonly XyPath? _path;
    private readonly string _what;
    private readonly double _x;
    private readonly double _y;

    private RenderXyInputs(string? mappingPath, string? pathFile, XyMapping? mapping, XyPath? path, string what, ParameterSet parameters)
    {
        _x = parameters[ParameterId.XyX];
        _y = parameters[ParameterId.XyY];
        MappingPath = mappingPath;
        PathFile = pathFile;
        _mapping = mapping;
        _path = path;
        _what = what;
    }

    /// <summary>The mapping file the render names (playing or not): an output must not land on it.</summary>
    public string? MappingPath { get; }

    /// <summary>The <c>--xy-path</c> CSV, if given.</summary>
    public string? PathFile { get; }

    /// <summary>Reads what plays; every problem is one line naming the option and the file.</summary>
    /// <param name="option"><c>--xy</c>, or null.</param>
    /// <param name="presetPath"><c>--preset</c> as given, or null.</param>
    /// <param name="preset">The preset it names, or null.</param>
    /// <param name="bankFolder">The bank, where a preset given by name keeps its mapping.</param>
    /// <param name="parameters">The render's starting settings (<c>xy.predict</c> says whether a mapping plays).</param>
    /// <param name="pathOption"><c>--xy-path</c>, or null.</param>
    /// <param name="switching">Whether the render switches presets.</param>
    public static RenderXyInputs Read(string? option, string? presetPath, Preset? preset, string bankFolder, ParameterSet parameters, string? pathOption, bool switching)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? mappingPath = option;
        string what = "--xy";
        if (option is null && presetPath is not null && preset?.Xy is string reference)
        {
            mappingPath = StartingParameters.Beside(presetPath, bankFolder, reference);
            what = "--preset's xy";
        }

        bool plays = mappingPath is not null && parameters.IsOn(ParameterId.XyPredict);
        if (pathOption is not null && !plays)
        {
            throw new UsageException(mappingPath is null
                ? "--xy-path: no XY mapping to move through (give --xy, or a --preset that names one)"
                : "--xy-path: xy.predict is off, so no mapping plays (leave out --set xy.predict=off)");
        }

        if (!plays)
        {
            return new RenderXyInputs(mappingPath, pathOption, null, null, what, parameters);
        }

        if (switching)
        {
            throw new UsageException($"--switch: not with XY predict ({what} {mappingPath}): a switch would overwrite the mapped settings; render the sections apart");
        }

        XyMapping mapping = XyMappings.Read(mappingPath!, what);
        XyPath? path = pathOption is null ? null : LoadPath(pathOption);
        return new RenderXyInputs(mappingPath, pathOption, mapping, path, what, parameters);
    }

    /// <summary>
    /// What the render plays, or null: an untrained mapping is trained here in memory (seed 0, the file left as it
    /// is), with a line in <paramref name="notes"/> saying so.
    /// </summary>
    public RenderXy? Prepare(ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (_mapping is null)
        {
            return null;
        }

        if (_mapping.Network is null)
        {
            XyTrainingResult result = XyMappings.Train(_mapping, $"{_what}: {MappingPath}");
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{MappingPath}: not trained; trained in memory for this render (seed 0, {XyMappings.DefaultEpochs} epochs, final loss {result.FinalLoss:0.000e+00}), the file left as it is"));
        }

        string where = _path is null
            ? string.Create(CultureInfo.InvariantCulture, $"at x {_x:0.00}, y {_y:0.00}")
            : string.Create(CultureInfo.InvariantCulture, $"along {PathFile} ({_path.Count} row{(_path.Count == 1 ? "" : "s")}{(_path.HasY ? "" : $", y {_y:0.00}")})");
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{MappingPath}: XY predict drives {XyMappings.GroupList(_mapping.Groups)} ({_mapping.Parameters.Count} parameter{(_mapping.Parameters.Count == 1 ? "" : "s")}) {where}"));
        return new RenderXy(_mapping, _path);
    }

    private static XyPath LoadPath(string file)
    {
        try
        {
            return XyPath.Load(file);
        }
        catch (Exception e) when (e is UsageException or Files.InputFileException)
        {
            throw new UsageException($"--xy-path: {e.Message}", e);
        }
    }
}
