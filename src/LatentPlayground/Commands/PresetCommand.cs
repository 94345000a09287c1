using LatentPlayground.Files;
using System.CommandLine;
using System.Globalization;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Presets;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground preset list|show|save</c>: the preset bank from the command line. <c>list</c> prints
/// the bank in recall order (Program Change number, file, name, basis, tempo-synced dimensions) and one
/// line per skipped file on stderr; <c>show</c> validates one preset and prints every parameter that differs
/// from its default, or names the bad field (exit code 2); <c>save</c> writes a new preset atomically.
/// Thread: main.
/// </summary>
public static class PresetCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Option<string> Bank() => new("--bank") { Description = "Preset bank folder (default: $LATENTPLAYGROUND_BANK or ~/.local/share/latentplayground/presets)", HelpName = "DIR" };

        var listBank = Bank();
        var list = new Command("list", "List the presets of the bank in recall order (PC number first).") { listBank };
        list.SetAction(r => List(context, BankFolder(r.GetValue(listBank))));

        var showBank = Bank();
        var what = new Argument<string>("NAME-OR-FILE") { Description = "A preset file, or a preset's name or file name in the bank" };
        var show = new Command("show", "Validate a preset and show the parameters it changes; a bad field is named, exit code 2.") { what, showBank };
        show.SetAction(r => Show(context, r.GetValue(what)!, BankFolder(r.GetValue(showBank))));

        var saveBank = Bank();
        var name = new Argument<string>("NAME") { Description = "The new preset's name" };
        var from = new Option<string>("--from") { Description = "Start from this preset (file or name) instead of the defaults", HelpName = "NAME-OR-FILE" };
        var set = new Option<string[]>("--set") { Description = "Set a parameter, e.g. --set basis=voronoi (repeatable)", HelpName = "NAME=VALUE" };
        var save = new Command("save", "Save a new preset into the bank (atomically; the bank is seeded with the factory presets first if new).") { name, saveBank, from, set };
        save.SetAction(r => Save(context, r.GetValue(name)!, BankFolder(r.GetValue(saveBank)), r.GetValue(from), r.GetValue(set) ?? []));

        return new Command("preset", "List, check and save presets.") { list, show, save };
    }

    /// <summary>The longest preset name: it becomes a file name, and the display shows about 20 characters.</summary>
    public const int MaxNameLength = 64;

    // --bank must name a folder, or nothing yet (save creates it): a regular file there is a mistake to report,
    // not a bank to ignore in favour of the factory presets.
    // A bank may not exist yet (the factory presets stand in, and save or the pedal's first run creates it), but a
    // path that can never be a folder (a file, a device, a name too long, a path through a file) is a mistake.
    private static string BankFolder(string? given)
    {
        if (given is null)
        {
            return PresetLocations.DefaultBankFolder;
        }

        try
        {
            OutputFile.CheckFolderToCreate(given, "preset bank");
        }
        catch (InputFileException e)
        {
            throw new UsageException($"--bank: {e.Message}", e);
        }

        return given;
    }

    private static int List(CommandContext context, string folder)
    {
        (PresetBank bank, IReadOnlyList<string> problems, string source) = PresetLocations.Open(folder);
        foreach (string p in problems)
        {
            context.Error.WriteLine(p);
        }

        context.Out.WriteLine($"# {source}: {bank.Count} presets");
        context.Out.WriteLine("pc  file                            name                      basis      synced");
        for (int i = 0; i < bank.Count; i++)
        {
            PresetEntry e = bank.Entries[i];
            ParameterSet p = e.Preset.Parameters;
            int synced = 0;
            for (int d = 0; d < 8; d++)
            {
                if (p[ParameterId.Time1 + d] >= 2)
                {
                    synced++;
                }
            }

            string basis = ParameterTable.Get(ParameterId.Basis).Format(p[ParameterId.Basis]);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i,-3} {e.FileName,-31} {e.Preset.Name,-25} {basis,-10} {synced}/8"));
        }

        return ExitCodes.Ok;
    }

    private static int Show(CommandContext context, string nameOrFile, string folder)
    {
        Preset preset = PresetLocations.Resolve(nameOrFile, folder);
        context.Out.WriteLine($"{preset.Name}: valid (schema {PresetJson.Schema})");
        context.Out.WriteLine($"model: {preset.Model ?? "(the pedal's current model)"}; bending: {preset.Bending ?? "none"}; xy: {preset.Xy ?? "none"}");
        int changed = 0;
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            if (d.Kind == ParameterKind.Action || preset.Parameters[d.Id] == d.Default)
            {
                continue;
            }

            context.Out.WriteLine($"  {d.Name,-12} {d.Format(preset.Parameters[d.Id])}");
            changed++;
        }

        context.Out.WriteLine($"{changed} parameters differ from their defaults");
        return ExitCodes.Ok;
    }

    private static int Save(CommandContext context, string name, string folder, string? from, IReadOnlyList<string> sets)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new UsageException("NAME: a preset needs a name");
        }

        if (name.Trim().Length > MaxNameLength)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"NAME: {name.Trim().Length} characters; a preset name has at most {MaxNameLength}"));
        }

        ParameterSet parameters = from is null ? new ParameterSet() : PresetLocations.Resolve(from, folder).Parameters;
        foreach (string s in sets)
        {
            string? error = parameters.TrySetFromText(s);
            if (error is not null)
            {
                throw new UsageException($"--set: {error}");
            }
        }

        PresetLocations.EnsureBank(folder);
        (PresetBank bank, _) = PresetFolder.Load(folder);
        if (bank.IndexOf(name) >= 0)
        {
            throw new UsageException($"preset {name}: the bank already has a preset of that name ({folder})");
        }

        string path = PresetFolder.Save(folder, PresetFolder.NewFileName(bank, name), new Preset { Name = name.Trim(), Parameters = parameters });
        context.Out.WriteLine($"saved {path}");
        return ExitCodes.Ok;
    }
}
