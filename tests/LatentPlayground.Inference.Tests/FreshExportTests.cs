namespace LatentPlayground.Inference.Tests;

/// <summary>
/// Guards against the exporter and the C# side drifting apart: where the toolchain is installed (CI),
/// export a package with the exporter's current code and check it loads and matches its own reference.
/// </summary>
public sealed class FreshExportTests
{
    [TorchFact]
    public void A_package_exported_now_loads_and_matches_its_reference() =>
        ExportAndCheck(folder => [TestPackages.MakeScript!, folder]);

    /// <summary>
    /// The pedal's own architecture is the RAVE-compatible one every import runs on (lpexport.rave):
    /// a random-init export of it carries initial states and noise inputs, and ONNX Runtime matches it.
    /// </summary>
    [TorchFact]
    public void A_RAVE_architecture_package_exported_now_loads_and_matches_its_reference() =>
        ExportAndCheck(folder =>
        [
            "-W", "ignore", "-c",
            $"import sys; sys.path.insert(0, {Quote(Path.Combine(TestPackages.RepositoryRoot!, "src", "export"))}); "
            + $"from lpexport import export; sys.exit(export.main(['--random', '--arch', 'rave', '--out', {Quote(folder)}, '--name', 'rave-random']))",
        ]);

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static void ExportAndCheck(Func<string, string[]> arguments)
    {
        string folder = Path.Combine(Path.GetTempPath(), "lp-fresh-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            (int exit, string output) = Python.Run(arguments(folder), TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"export failed ({exit}): {output}");

            var reference = ReferenceVectors.Load(folder);
            using var codec = new OnnxStreamingCodec(ModelPackage.Load(folder), new CodecOptions { DeterministicNoise = true });
            var latent = new float[codec.LatentSize];
            var audio = new float[codec.Hop];
            float worst = 0;
            for (int h = 0; h < reference.Hops; h++)
            {
                codec.Encode(reference.Input[h], latent);
                worst = Math.Max(worst, latent.Zip(reference.Latent[h], (a, b) => Math.Abs(a - b)).Max());
            }

            codec.Reset();
            for (int h = 0; h < reference.Hops; h++)
            {
                codec.FeedInputAudio(reference.Input[h]); // the pedal's own models filter the hop the latent came from
            codec.Decode(reference.Latent[h], audio);
                worst = Math.Max(worst, audio.Zip(reference.Output[h], (a, b) => Math.Abs(a - b)).Max());
            }

            Assert.True(worst <= 1e-5f, $"max abs difference {worst:g3}");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
