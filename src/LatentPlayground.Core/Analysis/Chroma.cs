namespace LatentPlayground.Core.Analysis;

/// <summary>
/// Chroma similarity, as <c>lpexport.evaluate.chroma</c> and its use in <c>measures</c>: frames of
/// <see cref="FrameSize"/> samples every <see cref="FrameHop"/>, Hann-windowed; the magnitude of each bin
/// strictly between 60 and 5000 Hz is added to its pitch class round(12 log2(f / 440)) mod 12; the figure
/// is the mean cosine of input and output chroma vectors over frames where the input is not silent (frame
/// RMS above a tenth of the loudest frame's). Frame sizes are in samples, as in Python (which runs at
/// 48 kHz). The two signals must already be aligned (see <see cref="EnvelopeAlignment"/>); they are cut to
/// the common length.
/// Thread: stateless; any thread, concurrently.
/// </summary>
public static class Chroma
{
    public const int FrameSize = 8192;
    public const int FrameHop = 2048;
    public const double LowestHz = 60.0;
    public const double HighestHz = 5000.0;

    public static ChromaResult Measure(ReadOnlySpan<float> input, ReadOnlySpan<float> output, int sampleRate)
    {
        int n = Math.Min(input.Length, output.Length);
        double[][] cx = Vectors(input[..n], sampleRate, out double[] energy);
        double[][] cy = Vectors(output[..n], sampleRate, out _);
        if (cx.Length == 0)
        {
            return new ChromaResult(double.NaN, 0, 0);
        }

        double gate = 0.1 * energy.Max();
        double sum = 0;
        int compared = 0;
        for (int f = 0; f < cx.Length; f++)
        {
            if (energy[f] <= gate)
            {
                continue;
            }

            double dot = 0;
            double nx = 0;
            double ny = 0;
            for (int pc = 0; pc < 12; pc++)
            {
                dot += cx[f][pc] * cy[f][pc];
                nx += cx[f][pc] * cx[f][pc];
                ny += cy[f][pc] * cy[f][pc];
            }

            sum += dot / ((Math.Sqrt(nx) * Math.Sqrt(ny)) + 1e-12);
            compared++;
        }

        return new ChromaResult(compared > 0 ? sum / compared : double.NaN, compared, cx.Length);
    }

    /// <summary>The 12-bin chroma vector of every frame (pitch class 0 is A), and each frame's RMS.</summary>
    public static double[][] Vectors(ReadOnlySpan<float> signal, int sampleRate, out double[] frameRms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        int frames = signal.Length < FrameSize ? 0 : ((signal.Length - FrameSize) / FrameHop) + 1;
        double[] window = HannWindow.Symmetric(FrameSize);
        int bins = (FrameSize / 2) + 1;
        var pitchClass = new int[bins];
        for (int k = 0; k < bins; k++)
        {
            double f = (double)k * sampleRate / FrameSize;
            pitchClass[k] = f > LowestHz && f < HighestHz
                ? (((int)Math.Round(12 * Math.Log2(f / 440.0), MidpointRounding.ToEven) % 12) + 12) % 12
                : -1;
        }

        var vectors = new double[frames][];
        frameRms = new double[frames];
        var fft = new Fft(FrameSize);
        var real = new double[FrameSize];
        var imag = new double[FrameSize];
        for (int i = 0; i < frames; i++)
        {
            ReadOnlySpan<float> frame = signal.Slice(i * FrameHop, FrameSize);
            double sumSquares = 0;
            for (int j = 0; j < FrameSize; j++)
            {
                real[j] = frame[j] * window[j];
                imag[j] = 0;
                sumSquares += (double)frame[j] * frame[j];
            }

            frameRms[i] = Math.Sqrt(sumSquares / FrameSize);
            fft.Forward(real, imag);
            var chroma = new double[12];
            for (int k = 0; k < bins; k++)
            {
                if (pitchClass[k] >= 0)
                {
                    chroma[pitchClass[k]] += Math.Sqrt((real[k] * real[k]) + (imag[k] * imag[k]));
                }
            }

            vectors[i] = chroma;
        }

        return vectors;
    }
}
