namespace LatentPlayground.Core.Xy;

/// <summary>
/// The reference device's Control module's network: a small multilayer perceptron from a point (X, Y) to N mapped
/// settings, 2 → H → H → N with tanh hidden layers and a linear output clamped to 0..1 (inputs and outputs are
/// normalised to each parameter's range by the caller). <see cref="Train"/> fits it to a handful of points with Adam,
/// full batch, the step shrinking along a half cosine, from weights drawn by a seeded generator of its own, in a fixed order of operations, so the same
/// points, seed and settings give the same weights bit for bit on a machine (tanh comes from the platform's C
/// library, so another CPU may differ in the last bit). <see cref="Predict"/> allocates nothing and costs
/// about (2H + H² + HN) multiply-adds: far less than a latent frame's budget.
/// Thread: <see cref="Train"/> on a worker (it returns a new network); a network's <see cref="Predict"/> on one
/// thread at a time (it uses its own scratch buffers).
/// </summary>
public sealed class XyNetwork
{
    private readonly int _hidden;
    private readonly double[] _weights;
    private readonly double[] _h1;
    private readonly double[] _h2;

    // Offsets into _weights: W1 (H x 2), b1 (H), W2 (H x H), b2 (H), W3 (N x H), b3 (N).
    private readonly int _w1;
    private readonly int _b1;
    private readonly int _w2;
    private readonly int _b2;
    private readonly int _w3;
    private readonly int _b3;

    /// <summary>A network with weights drawn from <paramref name="seed"/> (Glorot uniform), not yet trained.</summary>
    public XyNetwork(int outputs, int hidden = 16, uint seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Outputs = outputs;
        _hidden = hidden;
        _w1 = 0;
        _b1 = _w1 + (hidden * 2);
        _w2 = _b1 + hidden;
        _b2 = _w2 + (hidden * hidden);
        _w3 = _b2 + hidden;
        _b3 = _w3 + (outputs * hidden);
        _weights = new double[_b3 + outputs];
        _h1 = new double[hidden];
        _h2 = new double[hidden];
        Seed = seed;
        var random = new SplitMix(seed);
        Fill(random, _w1, hidden * 2, 2, hidden);
        Fill(random, _w2, hidden * hidden, hidden, hidden);
        Fill(random, _w3, outputs * hidden, hidden, outputs);
    }

    private XyNetwork(XyNetwork other)
        : this(other.Outputs, other._hidden, other.Seed)
    {
        other._weights.CopyTo(_weights, 0);
    }

    /// <summary>A network with the given weights (a saved mapping), in <see cref="Weights"/>' order.</summary>
    public static XyNetwork FromWeights(int outputs, int hidden, uint seed, ReadOnlySpan<double> weights)
    {
        var net = new XyNetwork(outputs, hidden, seed);
        if (weights.Length != net._weights.Length)
        {
            throw new ArgumentException($"a {hidden}-unit network of {outputs} outputs has {net._weights.Length} weights, not {weights.Length}", nameof(weights));
        }

        weights.CopyTo(net._weights);
        return net;
    }

    public int Outputs { get; }

    public int Hidden => _hidden;

    public uint Seed { get; }

    /// <summary>Every weight and bias, in a fixed order (for saving and for tests of reproducibility).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>The mapped settings at (<paramref name="x"/>, <paramref name="y"/>), each 0..1. Allocation-free.</summary>
    public void Predict(double x, double y, Span<double> output)
    {
        if (output.Length != Outputs)
        {
            throw new ArgumentException($"the network has {Outputs} outputs, not {output.Length}", nameof(output));
        }

        Forward(x, y, output);
        for (int o = 0; o < output.Length; o++)
        {
            output[o] = Math.Clamp(output[o], 0, 1);
        }
    }

    /// <summary>
    /// Trains a copy of this network on <paramref name="points"/>: full-batch Adam on the mean squared error, for
    /// <paramref name="epochs"/> epochs. <paramref name="progress"/> hears the loss every <paramref name="reportEvery"/>
    /// epochs (the reference device shows it while it trains); <paramref name="cancel"/> stops between epochs.
    /// </summary>
    public XyTrainingResult Train(IReadOnlyList<XyPoint> points, int epochs = 3000, double learningRate = 0.01, int reportEvery = 100,
        Action<int, double>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reportEvery, 1);
        if (points.Count == 0)
        {
            throw new ArgumentException("an XY mapping needs at least one point to train on", nameof(points));
        }

        foreach (XyPoint p in points)
        {
            if (p.Targets.Count != Outputs)
            {
                throw new ArgumentException($"a point has {p.Targets.Count} settings; the network maps {Outputs}", nameof(points));
            }
        }

        var net = new XyNetwork(this);
        double[] gradient = new double[_weights.Length], m = new double[_weights.Length], v = new double[_weights.Length];
        double[] output = new double[Outputs], dOut = new double[Outputs], d2 = new double[_hidden], d1 = new double[_hidden];
        const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        double beta1Power = 1, beta2Power = 1;
        var curve = new List<(int, double)>();
        for (int epoch = 1; epoch <= epochs && !cancel.IsCancellationRequested; epoch++)
        {
            Array.Clear(gradient);
            double loss = 0;
            foreach (XyPoint p in points)
            {
                net.Forward(p.X, p.Y, output);
                for (int o = 0; o < Outputs; o++)
                {
                    double error = output[o] - p.Targets[o];
                    loss += error * error;
                    dOut[o] = 2 * error / (points.Count * Outputs);
                }

                net.Backward(p.X, p.Y, dOut, d2, d1, gradient);
            }

            loss /= points.Count * Outputs;

            // The step shrinks along a half cosine to a tenth: full-batch Adam at a fixed rate keeps overshooting
            // once the loss is small, and the last epoch is the network the player gets.
            double rate = learningRate * (0.1 + (0.45 * (1 + Math.Cos(Math.PI * (epoch - 1) / epochs))));
            beta1Power *= beta1;
            beta2Power *= beta2;
            for (int i = 0; i < gradient.Length; i++)
            {
                m[i] = (beta1 * m[i]) + ((1 - beta1) * gradient[i]);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * gradient[i] * gradient[i]);
                double mHat = m[i] / (1 - beta1Power), vHat = v[i] / (1 - beta2Power);
                net._weights[i] -= rate * mHat / (Math.Sqrt(vHat) + epsilon);
            }

            if (epoch % reportEvery == 0 || epoch == epochs)
            {
                double after = net.Loss(points, output);
                curve.Add((epoch, after));
                progress?.Invoke(epoch, after);
            }
        }

        return new XyTrainingResult(net, curve);
    }

    private double Loss(IReadOnlyList<XyPoint> points, double[] output)
    {
        double loss = 0;
        foreach (XyPoint p in points)
        {
            Forward(p.X, p.Y, output);
            for (int o = 0; o < Outputs; o++)
            {
                double error = output[o] - p.Targets[o];
                loss += error * error;
            }
        }

        return loss / (points.Count * Outputs);
    }

    private void Forward(double x, double y, Span<double> output)
    {
        double[] w = _weights;
        for (int h = 0; h < _hidden; h++)
        {
            _h1[h] = Math.Tanh((w[_w1 + (h * 2)] * x) + (w[_w1 + (h * 2) + 1] * y) + w[_b1 + h]);
        }

        for (int h = 0; h < _hidden; h++)
        {
            double sum = w[_b2 + h];
            int row = _w2 + (h * _hidden);
            for (int k = 0; k < _hidden; k++)
            {
                sum += w[row + k] * _h1[k];
            }

            _h2[h] = Math.Tanh(sum);
        }

        for (int o = 0; o < Outputs; o++)
        {
            double sum = w[_b3 + o];
            int row = _w3 + (o * _hidden);
            for (int k = 0; k < _hidden; k++)
            {
                sum += w[row + k] * _h2[k];
            }

            output[o] = sum;
        }
    }

    // Adds the gradient of the loss for one point, given dLoss/dOutput, after Forward on that point.
    private void Backward(double x, double y, double[] dOut, double[] d2, double[] d1, double[] gradient)
    {
        double[] w = _weights;
        Array.Clear(d2);
        for (int o = 0; o < Outputs; o++)
        {
            int row = _w3 + (o * _hidden);
            gradient[_b3 + o] += dOut[o];
            for (int k = 0; k < _hidden; k++)
            {
                gradient[row + k] += dOut[o] * _h2[k];
                d2[k] += dOut[o] * w[row + k];
            }
        }

        Array.Clear(d1);
        for (int h = 0; h < _hidden; h++)
        {
            double dPre = d2[h] * (1 - (_h2[h] * _h2[h]));
            int row = _w2 + (h * _hidden);
            gradient[_b2 + h] += dPre;
            for (int k = 0; k < _hidden; k++)
            {
                gradient[row + k] += dPre * _h1[k];
                d1[k] += dPre * w[row + k];
            }
        }

        for (int h = 0; h < _hidden; h++)
        {
            double dPre = d1[h] * (1 - (_h1[h] * _h1[h]));
            gradient[_w1 + (h * 2)] += dPre * x;
            gradient[_w1 + (h * 2) + 1] += dPre * y;
            gradient[_b1 + h] += dPre;
        }
    }

    private void Fill(SplitMix random, int start, int count, int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < count; i++)
        {
            _weights[start + i] = ((2 * random.NextUnit()) - 1) * limit;
        }
    }

    /// <summary>SplitMix64: written here so a seed gives the same weights on every .NET version and machine.</summary>
    private sealed class SplitMix(uint seed)
    {
        private ulong _state = seed + 0x9E3779B97F4A7C15UL;

        public double NextUnit()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
