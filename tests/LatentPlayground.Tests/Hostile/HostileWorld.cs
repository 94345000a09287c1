using System.Diagnostics;
using System.Security.Cryptography;
using LatentPlayground.Files;

namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// A folder of the things a careless user or a hostile tester hands the program: FIFOs, links to /dev/zero,
/// dangling links, folders where files go, empty and random files, a sparse 5 GiB file, a 5,000-character name,
/// and valid inputs (a WAV, a preset, a bank) to spell in other ways. Built once per test class; everything in
/// it is snapshotted so a case can prove it changed nothing. Seeded: the same bytes every run.
/// </summary>
public sealed class HostileWorld : IDisposable
{
    public const int Seed = 14;

    public HostileWorld()
    {
        Root = Directory.CreateTempSubdirectory("lp-hostile-").FullName;
        Wav = Path.Combine(Root, "in.wav");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "mono-riff.wav"), Wav);
        Preset = Path.Combine(Root, "preset.json");
        File.WriteAllText(Preset, """{ "schema": 1, "name": "Valid", "parameters": { "drywet": 50 } }""");
        Bank = Path.Combine(Root, "bank");
        Directory.CreateDirectory(Bank);
        File.Copy(Preset, Path.Combine(Bank, "01-valid.json"));
        Directory.CreateDirectory(Path.Combine(Root, "folder"));
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        File.WriteAllBytes(Path.Combine(Root, "empty"), []);
        var random = new Random(Seed);
        byte[] garbage = new byte[4096];
        random.NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(Root, "garbage"), garbage);
        using (var huge = new FileStream(Path.Combine(Root, "huge"), FileMode.CreateNew))
        {
            huge.SetLength(5L << 30); // sparse: no disk used
        }

        MakeFifo(Path.Combine(Root, "fifo"));
        File.CreateSymbolicLink(Path.Combine(Root, "zero-link"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(Root, "dangling"), Path.Combine(Root, "nowhere"));
        File.CreateSymbolicLink(Path.Combine(Root, "wav-link"), Wav);
        File.CreateSymbolicLink(Path.Combine(Root, "preset-link"), Preset);
        Link(Wav, Path.Combine(Root, "wav-hardlink"));
    }

    public string Root { get; }

    /// <summary>A valid mono WAV input.</summary>
    public string Wav { get; }

    /// <summary>A valid preset file.</summary>
    public string Preset { get; }

    /// <summary>A valid bank folder with one preset.</summary>
    public string Bank { get; }

    public static string DefaultModel => Path.Combine(AppContext.BaseDirectory, "Assets", "models", "default");

    /// <summary>Where a hostile value of <paramref name="kind"/> points.</summary>
    public string PathOf(string kind) => kind switch
    {
        "missing" => Path.Combine(Root, "missing.file"),
        "empty-string" => "",
        "folder" => Path.Combine(Root, "folder"),
        "fifo" => Path.Combine(Root, "fifo"),
        "zero-link" => Path.Combine(Root, "zero-link"),
        "dev-zero" => "/dev/zero",
        "dev-null" => "/dev/null",
        "dev-urandom" => "/dev/urandom",
        "dangling" => Path.Combine(Root, "dangling"),
        "empty-file" => Path.Combine(Root, "empty"),
        "garbage" => Path.Combine(Root, "garbage"),
        "huge-sparse" => Path.Combine(Root, "huge"),
        "long-name" => Path.Combine(Root, new string('a', 5000)),
        "through-file" => Path.Combine(Root, "empty", "x"),
        "missing-folder" => Path.Combine(Root, "nope", "out.x"),
        "input-wav" => Wav,
        "input-wav-dotdot" => Path.Combine(Root, "sub", "..", "in.wav"),
        "input-wav-link" => Path.Combine(Root, "wav-link"),
        "input-wav-hardlink" => Path.Combine(Root, "wav-hardlink"),
        "input-preset" => Preset,
        "input-preset-link" => Path.Combine(Root, "preset-link"),
        _ => throw new ArgumentException($"no hostile value {kind}", nameof(kind)),
    };

    /// <summary>Every entry under the root (links not followed), with its kind, size and content hash, and the devices used.</summary>
    public string Snapshot()
    {
        var lines = new List<string>();
        foreach (string path in Directory.EnumerateFileSystemEntries(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is string target)
            {
                lines.Add($"{path} -> {target}");
                continue;
            }

            FileNode node = FileNode.Of(path);
            string hash = node.Kind == FileKind.Regular && node.Size < (64 << 20) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "";
            lines.Add($"{path} {node.Kind} {node.Size} {hash}");
        }

        foreach (string device in (string[])["/dev/null", "/dev/zero", "/dev/urandom"])
        {
            lines.Add($"{device} {FileNode.Of(device).Kind}");
        }

        return string.Join('\n', lines);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void MakeFifo(string path) => RunTool("mkfifo", path);

    private static void Link(string target, string link) => RunTool("ln", target, link);

    private static void RunTool(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        p.WaitForExit(10_000);
        Assert.Equal(0, p.ExitCode);
    }
}
