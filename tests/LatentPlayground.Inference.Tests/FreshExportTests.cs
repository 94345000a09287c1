namespace LatentPlayground.Inference.Tests;

/// <summary>
/// Guards against the exporter and the C# side drifting apart: where the toolchain is installed (CI),
/// export a package with the exporter's current code and check it loads and matches its own reference.
/// </summary>
public sealed class FreshExportTests
{
    [TorchFact]
    public void A_package_exported_now_loads_and_matches_its_reference()
    {
        string folder = Path.Combine(Path.GetTempPath(), "lp-fresh-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            (int exit, string output) = Python.Run([TestPackages.MakeScript!, folder], TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"export failed ({exit}): {output}");

            var reference = ReferenceVectors.Load(folder);
            using var codec = new OnnxStreamingCodec(ModelPackage.Load(folder));
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
