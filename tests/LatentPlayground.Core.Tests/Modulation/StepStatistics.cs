namespace LatentPlayground.Core.Tests.Modulation;

/// <summary>Frame-to-frame step statistics over all dimensions of a run.</summary>
internal readonly record struct StepStatistics(double ZeroFraction, double MeanNonZero, double MeanStep, double P99, double Std)
{
    public static StepStatistics Of(double[,] run, double heldBelow = 1e-3)
    {
        var steps = new List<double>();
        var all = new List<double>();
        for (int d = 0; d < run.GetLength(1); d++)
        {
            for (int f = 1; f < run.GetLength(0); f++)
            {
                steps.Add(Math.Abs(run[f, d] - run[f - 1, d]));
                all.Add(run[f, d]);
            }
        }

        steps.Sort();
        double zero = steps.Count(s => s < heldBelow) / (double)steps.Count;
        var nonZero = steps.Where(s => s >= heldBelow).ToList();
        double mean = all.Average();
        double std = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / all.Count);
        return new StepStatistics(zero, nonZero.Count > 0 ? nonZero.Average() : 0, steps.Average(), steps[(int)(steps.Count * 0.99)], std);
    }
}
