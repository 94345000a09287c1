using LatentPlayground.Commands;
using LatentPlayground.Core.Analysis;
using LatentPlayground.Inference;
using LatentPlayground.Render;

namespace LatentPlayground.Tests;

/// <summary>
/// The sound is the product: the bundled model, rendered exactly as <c>render</c> and <c>model info --quality</c>
/// render it, must not buzz. The first default model put 58 % of its output on the harmonics of 187.5 Hz
/// (issue 13); a player hears anything like that as a steady tone under the notes.
/// </summary>
public sealed class BundledModelSoundTests
{
    // Percentage points of the output's energy that the comb of any period dividing the hop may hold beyond
    // what the input itself holds there or what a flat spectrum would (the chance level: at P = hop, lines
    // 23.4 Hz apart with ±0.25 Hz each already take 2.1 % of any noise).
    private const double AllowedExcess = 0.02;

    private static string DefaultModel => Path.Combine(AppContext.BaseDirectory, "Assets", "models", "default");

    [Fact]
    public void The_bundled_model_puts_no_buzz_on_the_hops_divisors_for_either_demo_riff()
    {
        ModelQualityReport report = ModelQuality.Measure(new OnnxCodecSource(), ModelPackage.Load(DefaultModel), null);

        Assert.Equal(2, report.Clips.Count);
        foreach (ClipQuality clip in report.Clips)
        {
            for (int i = 0; i < clip.Output.Combs.Count; i++)
            {
                PeriodicComb output = clip.Output.Combs[i];
                PeriodicComb input = clip.Input.Combs[i];
                double baseline = Math.Max(input.Share, output.Chance);
                Assert.True(output.Share - baseline <= AllowedExcess,
                    $"{clip.Clip}, period {output.Period}: the output puts {output.Share:P2} of its energy on the comb (input {input.Share:P2}, chance {output.Chance:P2})");
            }

            // And the model is heard at all: a silent output would read 0 % too.
            Assert.True(clip.Loudness.R > 0.5, $"{clip.Clip}: loudness r {clip.Loudness.R:0.00}");
        }
    }
}
