using LatentPlayground.Core.Xy;
using Xunit.Abstractions;

namespace LatentPlayground.Core.Tests.Xy;

/// <summary>
/// The XY mapping's network: it fits a known smooth function of XY to a low loss, passes near its training points
/// from a handful of them, gives the same weights for the same seed (and others for another), and predicts without
/// allocating.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class XyNetworkTests(ITestOutputHelper output)
{
    // Three settings that vary smoothly over the pad, each within 0..1.
    private static double[] Smooth(double x, double y) =>
    [
        0.5 + (0.35 * Math.Sin(Math.PI * x) * Math.Cos(Math.PI * y)),
        0.2 + (0.6 * x * y),
        0.5 + (0.4 * (x - y) / 2),
    ];

    [Fact]
    public void It_fits_a_known_smooth_function_of_XY_to_a_low_loss()
    {
        var points = new List<XyPoint>();
        for (int i = 0; i <= 4; i++)
        {
            for (int j = 0; j <= 4; j++)
            {
                double x = i / 4.0, y = j / 4.0;
                points.Add(new XyPoint(x, y, Smooth(x, y)));
            }
        }

        XyTrainingResult result = new XyNetwork(3, seed: 1).Train(points, epochs: 4000, learningRate: 0.02);
        output.WriteLine(string.Join(", ", result.LossCurve.Where((_, k) => k % 5 == 0).Select(c => $"{c.Epoch}: {c.Loss:0.000000}")));
        Assert.True(result.FinalLoss < 1e-4, $"final loss {result.FinalLoss}");
        Assert.True(result.LossCurve[0].Loss > result.FinalLoss * 10, "the loss hardly moved");

        // Between the grid points too: the map is smooth, not a lookup.
        double worst = 0;
        var predicted = new double[3];
        for (double x = 0.125; x < 1; x += 0.25)
        {
            for (double y = 0.125; y < 1; y += 0.25)
            {
                result.Network.Predict(x, y, predicted);
                double[] expected = Smooth(x, y);
                for (int o = 0; o < 3; o++)
                {
                    worst = Math.Max(worst, Math.Abs(predicted[o] - expected[o]));
                }
            }
        }

        output.WriteLine($"final loss {result.FinalLoss:0.0000000}; worst error between the grid points {worst:0.0000}");
        Assert.True(worst < 0.05, $"between the training points the map is off by up to {worst}");
    }

    [Fact]
    public void Predictions_pass_near_ten_scattered_training_points()
    {
        var random = new Random(4);
        var points = Enumerable.Range(0, 10).Select(_ => new XyPoint(random.NextDouble(), random.NextDouble(),
            [random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()])).ToList();
        XyTrainingResult result = new XyNetwork(4, seed: 2).Train(points, epochs: 4000);
        var predicted = new double[4];
        double worst = 0;
        foreach (XyPoint p in points)
        {
            result.Network.Predict(p.X, p.Y, predicted);
            for (int o = 0; o < 4; o++)
            {
                worst = Math.Max(worst, Math.Abs(predicted[o] - p.Targets[o]));
            }
        }

        output.WriteLine($"final loss {result.FinalLoss:0.0000000}; worst error at a training point {worst:0.0000}");
        Assert.True(worst < 0.05, $"a training point is missed by {worst}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_others()
    {
        var points = new List<XyPoint> { new(0.1, 0.2, [0.3, 0.9]), new(0.8, 0.7, [0.6, 0.1]), new(0.5, 0.5, [0.5, 0.5]) };
        double[] a = new XyNetwork(2, seed: 7).Train(points, epochs: 200).Network.Weights.ToArray();
        double[] b = new XyNetwork(2, seed: 7).Train(points, epochs: 200).Network.Weights.ToArray();
        double[] c = new XyNetwork(2, seed: 8).Train(points, epochs: 200).Network.Weights.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Predict_allocates_nothing_and_stays_in_range()
    {
        var points = new List<XyPoint> { new(0, 0, [0, 1, 0.5]), new(1, 1, [1, 0, 0.5]) };
        XyNetwork net = new XyNetwork(3, seed: 3).Train(points, epochs: 300).Network;
        var predicted = new double[3];
        net.Predict(0.5, 0.5, predicted);
        double lowest = double.MaxValue, highest = double.MinValue;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            net.Predict(((i % 101) / 50.0) - 0.5, ((i % 37) / 18.0) - 0.5, predicted); // inside and outside the pad
            for (int o = 0; o < predicted.Length; o++)
            {
                lowest = Math.Min(lowest, predicted[o]);
                highest = Math.Max(highest, predicted[o]);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.InRange(lowest, 0, 1);
        Assert.InRange(highest, 0, 1);
    }

    [Fact]
    public void Points_with_the_wrong_number_of_settings_are_refused()
    {
        var net = new XyNetwork(3);
        Assert.Throws<ArgumentException>(() => net.Train([new XyPoint(0, 0, [0.5])]));
        Assert.Throws<ArgumentException>(() => net.Train([]));
        Assert.Throws<ArgumentException>(() => net.Predict(0, 0, new double[2]));
    }
}
