using LatentPlayground.Inference;

namespace LatentPlayground.Library;

/// <summary>One model the pedal can play: a valid package folder, known by the name its model.json gives.</summary>
/// <param name="Name">The package's name (model.json "name"): what the display shows and what presets name.</param>
/// <param name="Folder">The package folder.</param>
/// <param name="Source">Where it was found: "default", "models folder" or the extra folder's pattern.</param>
public sealed record ModelEntry(string Name, string Folder, string Source, int SampleRate, int Hop, int LatentSize, int LatencySamples)
{
    public static ModelEntry From(ModelPackage package, string source)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new ModelEntry(package.Name, package.Folder, source, package.SampleRate, package.Hop, package.LatentSize, package.LatencySamples);
    }

    /// <summary>The shape in a few words, for the log: "hop 2048, 48000 Hz, 8 dimensions, 368 samples of latency".</summary>
    public string Shape => $"hop {Hop}, {SampleRate} Hz, {LatentSize} dimension{(LatentSize == 1 ? "" : "s")}, {LatencySamples} samples of latency";
}

/// <summary>
/// The models the pedal can play: the default model (the bundled one, or the run config's <c>model</c>), then every
/// valid package folder in the models folder on the data partition, then in each extra folder that exists (a USB
/// stick). Folders are read in name order. A folder that is not a usable package is skipped with one warning naming
/// it and the problem; so is a package whose name an earlier one already has (the first keeps it: presets and the
/// settings name models by name). Hidden folders and lost+found are not packages and are passed over silently.
/// Each package is fully validated (<see cref="ModelPackage.Load"/>: manifest, graphs, states), so a model in the
/// library is one that loads, unless its files change afterwards.
/// Thread: a non-real-time thread (reads files, opens graphs); the result is immutable.
/// </summary>
public sealed class ModelLibrary
{
    private ModelLibrary(IReadOnlyList<ModelEntry> entries) => Entries = entries;

    /// <summary>The models in library order; the first is the default.</summary>
    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>The default model: what plays when nothing else was chosen.</summary>
    public ModelEntry Default => Entries[0];

    public int Count => Entries.Count;

    /// <summary>
    /// Where models live by default: <c>$LATENTPLAYGROUND_MODELS</c>, else a <c>models</c> folder beside the default
    /// preset bank (<c>$XDG_DATA_HOME/latentplayground/models</c>, i.e. <c>~/.local/share/latentplayground/models</c>).
    /// </summary>
    public static string DefaultModelsFolder
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("LATENTPLAYGROUND_MODELS");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }

            string? data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(data))
            {
                data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(data, "latentplayground", "models");
        }
    }

    /// <summary>The model of that name; null for none.</summary>
    public ModelEntry? Find(string? name) =>
        name is null ? null : Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    public int IndexOf(ModelEntry entry) => Entries.ToList().IndexOf(entry);

    /// <summary>
    /// Scans the folders. <paramref name="warnings"/> receives one line per skipped folder.
    /// </summary>
    /// <param name="defaultFolder">The default model's package folder.</param>
    /// <param name="modelsFolder">The models folder; need not exist.</param>
    /// <param name="extraFolders">More folders, each may hold <c>*</c> for any one folder name; need not exist.</param>
    /// <exception cref="ModelPackageException">The default model is not a usable package (nothing would play).</exception>
    public static ModelLibrary Scan(string defaultFolder, string? modelsFolder, IReadOnlyList<string> extraFolders, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(defaultFolder);
        ArgumentNullException.ThrowIfNull(extraFolders);
        ArgumentNullException.ThrowIfNull(warnings);
        var entries = new List<ModelEntry> { ModelEntry.From(ModelPackage.Load(defaultFolder), "default") };
        var seen = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(defaultFolder) };
        if (modelsFolder is not null)
        {
            ScanFolder(modelsFolder, "models folder", entries, seen, warnings);
        }

        foreach (string pattern in extraFolders)
        {
            foreach (string folder in Expand(pattern))
            {
                ScanFolder(folder, pattern, entries, seen, warnings);
            }
        }

        return new ModelLibrary(entries);
    }

    /// <summary>The existing folders a path with <c>*</c> (or <c>?</c>) segments names, in name order; a plain path if it exists.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string root = Path.IsPathRooted(pattern) ? Path.GetPathRoot(pattern)! : ".";
        var current = new List<string> { root };
        foreach (string segment in pattern[(Path.IsPathRooted(pattern) ? root.Length : 0)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new List<string>();
            foreach (string folder in current)
            {
                if (segment.AsSpan().IndexOfAny('*', '?') < 0)
                {
                    string path = Path.Combine(folder, segment);
                    if (Directory.Exists(path))
                    {
                        next.Add(path);
                    }

                    continue;
                }

                try
                {
                    next.AddRange(Directory.EnumerateDirectories(folder, segment).Order(StringComparer.Ordinal));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A folder we may not list holds no models we could load.
                }
            }

            current = next;
        }

        return current;
    }

    private static void ScanFolder(string folder, string source, List<ModelEntry> entries, HashSet<string> seen, ICollection<string> warnings)
    {
        string[] packages;
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            packages = [.. Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"models in {folder}: cannot be listed ({e.Message}); skipped");
            return;
        }

        foreach (string package in packages)
        {
            string name = Path.GetFileName(package);
            if (name.StartsWith('.') || name == "lost+found" || !seen.Add(Path.GetFullPath(package)))
            {
                continue;
            }

            ModelPackage loaded;
            try
            {
                loaded = ModelPackage.Load(package);
            }
            catch (ModelPackageException e)
            {
                warnings.Add($"model {package}: skipped: {Relative(e.Message, package)}");
                continue;
            }

            if (entries.FirstOrDefault(x => string.Equals(x.Name, loaded.Name, StringComparison.Ordinal)) is ModelEntry taken)
            {
                warnings.Add($"model {package}: skipped: its name \"{loaded.Name}\" is already taken by {taken.Folder} (give one another name: model import --name)");
                continue;
            }

            entries.Add(ModelEntry.From(loaded, source));
        }
    }

    // Package errors name the file ("/m/x/model.json: hop 100 ..."); beside the folder, the file's own name is enough.
    private static string Relative(string message, string folder)
    {
        string prefix = folder.TrimEnd('/') + "/";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}
