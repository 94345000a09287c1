using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class ChromaTests
{
    private const int Rate = TestSignals.Rate;

    [Fact]
    public void Identical_signals_read_a_cosine_of_1()
    {
        float[] x = TestSignals.Plucks([110.0, 146.83, 196.0], 0.5, 3 * Rate);

        ChromaResult result = Chroma.Measure(x, x, Rate);

        Assert.Equal(1.0, result.MeanCosine, 1e-9);
        Assert.Equal(67, result.Frames); // (144000 - 8192) / 2048 + 1
        Assert.InRange(result.FramesCompared, 1, result.Frames);
    }

    [Fact]
    public void An_octave_keeps_the_pitch_class_and_a_tritone_does_not()
    {
        float[] a = TestSignals.Tone(220.0, 2 * Rate, harmonics: 1);
        float[] octave = TestSignals.Tone(440.0, 2 * Rate, harmonics: 1);
        float[] tritone = TestSignals.Tone(220.0 * Math.Sqrt(2), 2 * Rate, harmonics: 1);

        Assert.True(Chroma.Measure(a, octave, Rate).MeanCosine > 0.95);
        Assert.True(Chroma.Measure(a, tritone, Rate).MeanCosine < 0.2);
    }

    [Fact]
    public void A_pure_A_lands_in_pitch_class_0()
    {
        double[][] vectors = Chroma.Vectors(TestSignals.Tone(440.0, Rate, harmonics: 1), Rate, out double[] rms);

        Assert.All(vectors, v => Assert.Equal(0, Array.IndexOf(v, v.Max())));
        Assert.All(rms, r => Assert.Equal(0.3 / Math.Sqrt(2), r, 1e-3));
    }

    [Fact]
    public void Frames_where_the_input_is_silent_are_not_compared()
    {
        float[] x = TestSignals.Tone(220.0, 2 * Rate);
        Array.Clear(x, Rate, Rate);
        float[] y = [.. x];
        Array.Clear(y, 0, Rate); // the output's only sound is where the input is silent
        float[] noise = TestSignals.SwellingNoise(Rate);
        Array.Copy(noise, 0, y, Rate, Rate);

        ChromaResult result = Chroma.Measure(x, y, Rate);

        Assert.True(result.FramesCompared < result.Frames);
        Assert.True(result.MeanCosine < 0.5);
    }

    [Fact]
    public void A_signal_shorter_than_one_frame_has_no_figure()
    {
        Assert.True(double.IsNaN(Chroma.Measure(new float[8191], new float[8191], Rate).MeanCosine));
    }
}
