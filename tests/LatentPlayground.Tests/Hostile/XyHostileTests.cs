using System.Security.Cryptography;

namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// The hostile-input contract (<see cref="HostileInputTests"/>) for the XY commands and render's XY options: every
/// hostile value in each file slot ends with exit 2 (or 0 for a mutation that stays valid), one line on stderr with
/// no stack trace, nothing on stdout when it fails, its scratch folder byte for byte as it was, and the world unchanged.
/// </summary>
public sealed class XyHostileTests(HostileWorld world) : IClassFixture<HostileWorld>
{
    private const string ValidMapping = """{ "schema": 1, "groups": ["offset"], "dimensions": 1, "points": [ { "x": 0.5, "y": 0.5, "values": { "offset.1": 1 } } ] }""";
    private static readonly int[] Usage = [2];
    private static readonly int[] UsageOrOk = [0, 2];

    private static readonly Dictionary<string, (Func<HostileWorld, string, string[]> Args, int[] Codes)> Cases = Build();

    public static TheoryData<string> Names() => [.. Cases.Keys];

    private static Dictionary<string, (Func<HostileWorld, string, string[]>, int[])> Build()
    {
        var cases = new Dictionary<string, (Func<HostileWorld, string, string[]>, int[])>(StringComparer.Ordinal);
        static string Out(string scratch, string file) => Path.Combine(scratch, file);
        foreach (string k in HostileCases.InputKinds)
        {
            cases[$"xy show MAPPING={k}"] = ((w, s) => ["xy", "show", w.PathOf(k)], Usage);
            cases[$"xy train MAPPING={k}"] = ((w, s) => ["xy", "train", w.PathOf(k), "--epochs", "10"], Usage);
            cases[$"xy add MAPPING={k}"] = ((w, s) => ["xy", "add", w.PathOf(k), "--x", "0.5", "--y", "0.5"], Usage);
            cases[$"xy add --preset={k}"] = ((w, s) => ["xy", "add", Mapping(s), "--x", "0.5", "--y", "0.5", "--preset", w.PathOf(k)], Usage);
            cases[$"render --xy={k}"] = ((w, s) => ["render", w.Wav, Out(s, "out.wav"), "--xy", w.PathOf(k)], Usage);
            cases[$"render --xy-path={k}"] = ((w, s) => ["render", w.Wav, Out(s, "out.wav"), "--xy", Mapping(s), "--xy-path", w.PathOf(k)], Usage);
        }

        foreach (string k in HostileCases.OutputKinds.Concat(HostileCases.InputAsOutputKinds))
        {
            cases[$"xy new OUT={k}"] = ((w, s) => ["xy", "new", w.PathOf(k), "--groups", "offset"], Usage);
        }

        for (int i = 0; i < 10; i++)
        {
            int seed = (HostileWorld.Seed * 1000) + 500 + i;
            cases[$"xy show mutated mapping #{i}"] = ((w, s) => ["xy", "show", Mutated(s, seed), "--at", "0.5,0.5"], UsageOrOk);
            cases[$"xy train mutated mapping #{i}"] = ((w, s) => ["xy", "train", Mutated(s, seed), "--epochs", "10"], UsageOrOk);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Keeps_the_contract(string name)
    {
        (Func<HostileWorld, string, string[]> args, int[] codes) = Cases[name];
        string scratch = Directory.CreateTempSubdirectory("lp-hostile-xy-").FullName;
        try
        {
            string[] argv = args(world, scratch);
            string before = world.Snapshot();
            string scratchBefore = Contents(scratch);

            var run = Task.Run(() => CliRunner.Run(argv));
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120))) == run, $"{name}: did not end within 120 s");
            (int code, string stdout, string stderr) = await run;

            Assert.True(codes.Contains(code), $"{name}: exit code {code}, allowed {string.Join(" or ", codes)}; stderr: {stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
            if (code != 0)
            {
                string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(lines.Length == 1, $"{name}: {lines.Length} lines on stderr:\n{stderr}");
                Assert.StartsWith("latentplayground: ", lines[0], StringComparison.Ordinal);
                Assert.True(stdout.Length == 0, $"{name}: stdout on failure: {stdout}");
                Assert.Equal(scratchBefore, Contents(scratch));
            }

            Assert.Equal(before, world.Snapshot());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static string Mapping(string scratch)
    {
        string path = Path.Combine(scratch, "in", "m.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ValidMapping);
        return path;
    }

    // The valid mapping with a few bytes changed at seeded places.
    private static string Mutated(string scratch, int seed)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(ValidMapping);
        var random = new Random(seed);
        for (int i = 0; i < 3; i++)
        {
            bytes[random.Next(bytes.Length)] = (byte)"0123456789-e.\"{}[],: x"[random.Next(22)];
        }

        string path = Path.Combine(scratch, "in", "m.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Every entry under the folder, hidden ones included (a leftover temporary file starts with a dot), with its content's hash.
    private static string Contents(string folder) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(e => File.Exists(e) ? $"{e} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(e)))}" : e));
}
