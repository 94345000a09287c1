namespace LatentPlayground.Core.Xy;

/// <summary>What training made: the network, and the mean squared error over the points after each reported epoch.</summary>
public sealed record XyTrainingResult(XyNetwork Network, IReadOnlyList<(int Epoch, double Loss)> LossCurve)
{
    /// <summary>The loss after the last epoch.</summary>
    public double FinalLoss => LossCurve.Count == 0 ? double.NaN : LossCurve[^1].Loss;
}
