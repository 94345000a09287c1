using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Presets;

/// <summary>
/// A stored sound: every parameter of the table, the model it was made for, and references to a
/// bending configuration and an XY mapping when it has them.
/// </summary>
public sealed class Preset
{
    public required string Name { get; init; }

    /// <summary>The model package's name (a folder under the models folder), or null for the default model.</summary>
    public string? Model { get; init; }

    public required ParameterSet Parameters { get; init; }

    /// <summary>File name of a bending configuration next to the preset, if any.</summary>
    public string? Bending { get; init; }

    /// <summary>File name of an XY mapping next to the preset, if any.</summary>
    public string? Xy { get; init; }

    /// <summary>File name of the latent looper's material (a capture, <c>.npy</c>) next to the preset, if any.</summary>
    public string? Latents { get; init; }
}
