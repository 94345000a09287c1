namespace LatentPlayground.Inference.Tests;

/// <summary>Where the tests find model packages: the small committed one, and the repository's default model when it is committed.</summary>
internal static class TestPackages
{
    public static string Small => Path.Combine(AppContext.BaseDirectory, "TestModel", "small");

    /// <summary>The checkout's root, found from the test binaries; null when the tests run outside one.</summary>
    public static string? RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LatentPlayground.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }

    /// <summary>The script that rebuilds the small package with the exporter's code.</summary>
    public static string? MakeScript => RepositoryRoot is { } root
        ? Path.Combine(root, "tests", "LatentPlayground.Inference.Tests", "TestModel", "make_test_model.py")
        : null;

    /// <summary>Committed packages other than the small one: every folder holding a model.json under the program's model assets.</summary>
    public static IEnumerable<string> Committed
    {
        get
        {
            if (RepositoryRoot is not { } root)
            {
                yield break;
            }

            foreach (string folder in (string[])["models", Path.Combine("src", "LatentPlayground", "Assets", "models")])
            {
                string dir = Path.Combine(root, folder);
                if (!Directory.Exists(dir))
                {
                    continue;
                }

                foreach (string manifest in Directory.EnumerateFiles(dir, "model.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return Path.GetDirectoryName(manifest)!;
                }
            }
        }
    }

    /// <summary>Every package the equivalence tests run on.</summary>
    public static IEnumerable<string> All => Committed.Prepend(Small);

    public static TheoryData<string> AllData => [.. All];

    public static IEnumerable<string> WithInt8 => All.Where(p => File.Exists(Path.Combine(p, "encoder.int8.onnx")));
}
