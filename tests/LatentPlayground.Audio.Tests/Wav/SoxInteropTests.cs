using System.Globalization;
using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>The product's files as SoX sees them, and SoX's files as the product reads them.</summary>
public class SoxInteropTests
{
    [SoxTheory]
    [InlineData(WavSampleFormat.Float32, 1, "Floating Point PCM")]
    [InlineData(WavSampleFormat.Float32, 2, "Floating Point PCM")]
    [InlineData(WavSampleFormat.Pcm24, 1, "Signed Integer PCM")]
    [InlineData(WavSampleFormat.Pcm24, 2, "Signed Integer PCM")]
    public void Sox_reads_product_files_sample_for_sample_without_warnings(WavSampleFormat format, int channels, string encoding)
    {
        using var folder = new TempFolder();
        string path = folder.File("product.wav");
        // An odd frame count puts a pad byte after 24-bit mono data. Values stay on the 24-bit grid inside
        // full scale because SoX carries samples as 32-bit integers: it clips hotter floats and flushes tiny ones.
        float[][] samples = [.. Enumerable.Range(0, channels).Select(c => TestSignals.Int24Grid(40 + c, 4801))];
        WavWriter.Write(path, new WavAudio(44100, samples), format);

        Assert.Equal(channels.ToString(CultureInfo.InvariantCulture), Sox.Info("-c", path));
        Assert.Equal("44100", Sox.Info("-r", path));
        Assert.Equal("4801", Sox.Info("-s", path));
        Assert.Equal(format.BitsPerSample.ToString(CultureInfo.InvariantCulture), Sox.Info("-b", path));
        Assert.Equal(encoding, Sox.Info("-e", path));

        (float[][] decoded, string warnings) = Sox.DecodeToFloat(path, channels);
        Assert.Equal("", warnings);
        for (int c = 0; c < channels; c++)
        {
            WavReaderFormatTests.AssertBitExact(samples[c], decoded[c]);
        }
    }

    [SoxTheory]
    [InlineData("signed-integer", 16, 1, WavSampleFormat.Pcm16)]
    [InlineData("signed-integer", 16, 2, WavSampleFormat.Pcm16)]
    [InlineData("signed-integer", 24, 1, WavSampleFormat.Pcm24)]
    [InlineData("signed-integer", 24, 2, WavSampleFormat.Pcm24)]
    [InlineData("signed-integer", 32, 2, WavSampleFormat.Pcm32)]
    [InlineData("floating-point", 32, 1, WavSampleFormat.Float32)]
    [InlineData("floating-point", 32, 2, WavSampleFormat.Float32)]
    public void The_product_reads_sox_files_as_sox_decodes_them(string encoding, int bits, int channels, WavSampleFormat expected)
    {
        // SoX writes 24- and 32-bit integer files as WAVE_FORMAT_EXTENSIBLE: real-world extensible files.
        using var folder = new TempFolder();
        string path = folder.File("sox.wav");
        Sox.Run(
            "-D", "-n", "-r", "22050", "-c", channels.ToString(CultureInfo.InvariantCulture), "-b", bits.ToString(CultureInfo.InvariantCulture), "-e", encoding, path,
            "synth", "0.25", "sine", "440", "pinknoise", "gain", "-3");

        WavAudio audio = WavReader.Read(path);

        (float[][] decoded, _) = Sox.DecodeToFloat(path, channels);
        WavReaderFormatTests.AssertShape(audio, 22050, channels, decoded[0].Length, expected);
        Assert.True(audio.Frames > 5000);
        for (int c = 0; c < channels; c++)
        {
            if (expected == WavSampleFormat.Pcm32)
            {
                // SoX rounds int32 to 25 bits on its way to float ((d + 64) & ~127), the product to a float's 24-bit
                // mantissa: they agree to within one step of SoX's grid, 2^-24.
                Assert.All(decoded[c].Zip(audio.Samples[c]), p => Assert.InRange(p.First - p.Second, -1f / (1 << 24), 1f / (1 << 24)));
            }
            else
            {
                WavReaderFormatTests.AssertBitExact(decoded[c], audio.Samples[c]);
            }
        }
    }
}
