namespace LatentPlayground.Render;

/// <summary>A rendered signal at the model's rate, planar, with the z' trajectory per latent frame.</summary>
public sealed record RenderResult(float[][] Channels, IReadOnlyList<float[]> Latents, int LatencySamples);
