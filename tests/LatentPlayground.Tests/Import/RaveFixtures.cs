using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace LatentPlayground.Tests.Import;

/// <summary>
/// The real RAVE exports in <c>../shared/fixtures/rave/</c> (made by RAVE's own code, random weights), and
/// the packages <c>model import</c> made of them, imported once per test run into a temporary folder. The
/// fixtures are read where they are and never copied into the repository: they hold RAVE's compiled
/// code, CC BY-NC 4.0.
/// </summary>
public sealed class RaveFixtures : IDisposable
{
    public static readonly string[] Names = ["raspberry", "v1_c8", "v2_small_c8", "v2_causal_c8"];

    private readonly Dictionary<string, (int Code, string Out, string Error, string Folder)> _imports = [];
    private readonly object _gate = new();

    public RaveFixtures()
    {
        Work = Directory.CreateTempSubdirectory("lp-rave-import-").FullName;
    }

    /// <summary>The fixtures' folder, or null when this checkout has no ../shared beside it.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>Why the fixture tests cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        Root is null ? "../shared/fixtures/rave is not beside this checkout"
        : !HasTorch.Value ? "/usr/bin/python3 with torch and onnx is not available"
        : null;

    public string Work { get; }

    public static string Folder(string name) => Path.Combine(Root!, name);

    public static string StreamingFile(string name) => Path.Combine(Root!, name, $"{name}_streaming.ts");

    /// <summary>The CLI's result of importing the fixture (run once, then shared by every test).</summary>
    public (int Code, string Out, string Error, string Folder) Imported(string name)
    {
        lock (_gate)
        {
            if (!_imports.TryGetValue(name, out var result))
            {
                string folder = Path.Combine(Work, name);
                var (code, output, error) = CliRunner.Run("model", "import", StreamingFile(name), "--out", folder, "--name", name);
                result = (code, output, error, folder);
                _imports[name] = result;
            }

            return result;
        }
    }

    public void Dispose() => Directory.Delete(Work, recursive: true);

    /// <summary>A float32 .npy array (C order), as numpy writes it: its shape and values.</summary>
    public static (int[] Shape, float[] Values) ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = bytes[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int start = bytes[6] == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, start, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains("'fortran_order': False", header, StringComparison.Ordinal);
        string dims = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..];
        dims = dims[..dims.IndexOf(')', StringComparison.Ordinal)];
        int[] shape = [.. dims.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];
        int offset = start + headerLength;
        var values = new float[(bytes.Length - offset) / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + (i * sizeof(float))));
        }

        return (shape, values);
    }

    private static readonly Lazy<bool> HasTorch = new(() =>
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return false;
        }

        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch, onnx"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        p.WaitForExit(60_000);
        return p.HasExited && p.ExitCode == 0;
    });

    private static string? FindRoot()
    {
        if (Environment.GetEnvironmentVariable("LATENTPLAYGROUND_RAVE_FIXTURES") is { Length: > 0 } forced)
        {
            return Directory.Exists(forced) ? forced : null;
        }

        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "fixtures", "rave");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>Tests over the imported fixtures share one import of each.</summary>
[CollectionDefinition(Name)]
public sealed class RaveFixtureCollection : ICollectionFixture<RaveFixtures>
{
    public const string Name = "RAVE fixtures";
}

/// <summary>A fact that needs the RAVE fixtures and the Python toolchain (both present in CI).</summary>
public sealed class RaveFixtureFactAttribute : FactAttribute
{
    public RaveFixtureFactAttribute()
    {
        if (RaveFixtures.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>A theory that needs the RAVE fixtures and the Python toolchain.</summary>
public sealed class RaveFixtureTheoryAttribute : TheoryAttribute
{
    public RaveFixtureTheoryAttribute()
    {
        if (RaveFixtures.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}
