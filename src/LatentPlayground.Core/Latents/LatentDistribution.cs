namespace LatentPlayground.Core.Latents;

/// <summary>The law synthetic latents are drawn from, fitted to measured <see cref="LatentStatistics"/>.</summary>
public enum LatentDistribution
{
    /// <summary>Each dimension normal with its mean and standard deviation, independently: the reference's default, as RAVE's prior is Gaussian.</summary>
    Normal,

    /// <summary>Each dimension uniform between its minimum and maximum, independently.</summary>
    Uniform,

    /// <summary>Multivariate normal with the mean and the full covariance, so dimensions that move together still do.</summary>
    Correlated,
}
