namespace LatentPlayground.Core.Modulation;

/// <summary>How a latent value past [-3, 3] is brought back, as the reference device's Mode menu.</summary>
public enum RangeMode
{
    /// <summary>No limit.</summary>
    None = 0,

    /// <summary>Hard clip at the bounds.</summary>
    Clip = 1,

    /// <summary>Wrap around: leaving at +3 comes back in at -3.</summary>
    Warp = 2,

    /// <summary>Reflect off the bounds, like a wavefolder: continuous everywhere.</summary>
    Fold = 3,
}
