using LatentPlayground.Files;
using LatentPlayground.Core.Presets;

namespace LatentPlayground.Presets;

/// <summary>
/// Where presets live. The factory presets ship next to the program (Assets/presets/factory) and are
/// never written. The user's bank is a folder: <c>$LATENTPLAYGROUND_BANK</c>, else
/// <c>$XDG_DATA_HOME/latentplayground/presets</c> (<c>~/.local/share/...</c>); the pedal's run config
/// names its own. A bank that does not exist yet is seeded with copies of the factory presets the
/// first time something is saved into it, so the player's list starts full and stays editable.
/// Thread: control or main, never real-time.
/// </summary>
public static class PresetLocations
{
    public static string FactoryFolder => Path.Combine(AppContext.BaseDirectory, "Assets", "presets", "factory");

    public static string DefaultBankFolder
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("LATENTPLAYGROUND_BANK");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }

            string? data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrEmpty(data))
            {
                data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(data, "latentplayground", "presets");
        }
    }

    /// <summary>The bank in <paramref name="folder"/> if it exists, else the factory presets; with any skipped files' messages.</summary>
    public static (PresetBank Bank, IReadOnlyList<string> Problems, string Source) Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (Directory.Exists(folder))
        {
            (PresetBank bank, IReadOnlyList<string> problems) = PresetFolder.Load(folder);
            return (bank, problems, folder);
        }

        (PresetBank factory, IReadOnlyList<string> factoryProblems) = PresetFolder.Load(FactoryFolder);
        return (factory, factoryProblems, $"{FactoryFolder} (factory presets; {folder} does not exist yet)");
    }

    /// <summary>Creates <paramref name="folder"/> with copies of the factory presets if it does not exist yet.</summary>
    public static void EnsureBank(string folder)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (string path in Directory.EnumerateFiles(FactoryFolder, "*.json"))
        {
            AtomicFile.WriteText(Path.Combine(folder, Path.GetFileName(path)), File.ReadAllText(path));
        }
    }

    /// <summary>
    /// A preset by file path, or by name or file name in <paramref name="bankFolder"/> (or the factory presets
    /// when the bank has no such preset).
    /// </summary>
    /// <exception cref="UsageException">Not found, unreadable or invalid; the message names the field.</exception>
    public static Preset Resolve(string nameOrFile, string bankFolder)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        if (nameOrFile.Length == 0)
        {
            throw new UsageException("\"\": an empty preset name or file");
        }

        if (File.Exists(nameOrFile))
        {
            try
            {
                return PresetJson.Parse(InputFile.ReadAllText(nameOrFile, InputFile.SmallJsonLimit, "preset"), nameOrFile);
            }
            catch (Exception e) when (e is PresetFormatException or InputFileException)
            {
                throw new UsageException(e.Message, e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{nameOrFile}: cannot read preset: {e.Message}", e);
            }
        }

        foreach (string folder in new[] { bankFolder, FactoryFolder })
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            (PresetBank bank, IReadOnlyList<string> problems) = PresetFolder.Load(folder);
            int i = bank.IndexOf(nameOrFile);
            if (i >= 0)
            {
                return bank.Entries[i].Preset;
            }

            // A name that matches a skipped file: say why it was skipped, not just "not found".
            string? broken = problems.FirstOrDefault(p => p.Contains(nameOrFile, StringComparison.OrdinalIgnoreCase));
            if (broken is not null)
            {
                throw new UsageException(broken.Replace(" (skipped)", "", StringComparison.Ordinal));
            }
        }

        throw new UsageException($"preset {nameOrFile}: no such file, and no preset of that name in {bankFolder} or the factory presets (see `latentplayground preset list`)");
    }
}
