namespace LatentPlayground.Core.Noise;

/// <summary>
/// The noise families a latent modulator can draw from. The numeric values are stored in presets and
/// sent over MIDI, so they never change.
/// </summary>
public enum NoiseBasisKind
{
    Cell = 0,
    Simplex = 1,
    Perlin = 2,
    Distorted = 3,
    Voronoi = 4,
    Fractal = 5,
}
