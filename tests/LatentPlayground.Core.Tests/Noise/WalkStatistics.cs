namespace LatentPlayground.Core.Tests.Noise;

/// <summary>Value and step statistics of one walk through a noise field.</summary>
internal sealed record WalkStatistics(
    double Mean,
    double Std,
    double Min,
    double Max,
    double MeanStep,
    double MaxStep,
    double ZeroStepFraction,
    double MeanNonZeroStep,
    double RunLengthMean,
    double RunLengthCv)
{
    public static WalkStatistics Of(double[] values)
    {
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;

        double stepSum = 0;
        double maxStep = 0;
        int zero = 0;
        double nonZeroSum = 0;
        var runs = new List<int>();
        int run = 0;
        bool seenJump = false;
        for (int i = 1; i < values.Length; i++)
        {
            double d = Math.Abs(values[i] - values[i - 1]);
            stepSum += d;
            maxStep = Math.Max(maxStep, d);
            if (d == 0)
            {
                zero++;
                run++;
                continue;
            }

            nonZeroSum += d;

            // A plateau's length counts only between two jumps: the walk starts and ends mid-plateau.
            if (seenJump)
            {
                runs.Add(run + 1);
            }

            seenJump = true;
            run = 0;
        }

        int steps = values.Length - 1;
        int nonZero = steps - zero;
        double runMean = runs.Count > 0 ? runs.Average() : 0;
        double runStd = runs.Count > 0 ? Math.Sqrt(runs.Sum(r => (r - runMean) * (r - runMean)) / runs.Count) : 0;
        return new WalkStatistics(
            mean,
            Math.Sqrt(variance),
            values.Min(),
            values.Max(),
            stepSum / steps,
            maxStep,
            zero / (double)steps,
            nonZero > 0 ? nonZeroSum / nonZero : 0,
            runMean,
            runMean > 0 ? runStd / runMean : 0);
    }

    public override string ToString() => FormattableString.Invariant(
        $"mean {Mean:F3} std {Std:F3} min {Min:F3} max {Max:F3} mean|d| {MeanStep:F4} max|d| {MaxStep:F4} zero {ZeroStepFraction:F3} mean nonzero|d| {MeanNonZeroStep:F3} run {RunLengthMean:F1} cv {RunLengthCv:F3}");
}
