using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Render;

/// <summary>What a render does besides the audio: the settings the engine starts from and the transport.</summary>
public sealed class RenderSettings
{
    public ParameterSet Parameters { get; init; } = new();

    /// <summary>Run the transport at this tempo from beat 0; null leaves it stopped (note-value Time then never loops).</summary>
    public double? Bpm { get; init; }

    /// <summary>
    /// Preset switches during the render: at each time (seconds of input), a glitch-free switch to those
    /// parameters, exactly as a footswitch or Program Change recall on the pedal. In time order.
    /// </summary>
    public IReadOnlyList<PresetSwitch> Switches { get; init; } = [];

    /// <summary>
    /// XY predict: a trained mapping driving its parameters at every latent frame, from <c>xy.x</c> and <c>xy.y</c> of
    /// <see cref="Parameters"/> or along a path; null when the render has none.
    /// </summary>
    public RenderXy? Xy { get; init; }

    /// <summary>
    /// Makes, for the opened model, latents that play in place of the encoder's (<c>--latent-source</c>); null for
    /// the encoder's. Called once, before the first hop; it may throw <see cref="UsageException"/> for a model that
    /// does not fit.
    /// </summary>
    public Func<Core.Engine.IStreamingCodec, Core.Latents.ILatentSource>? LatentSource { get; init; }

    /// <summary>Frames per engine call. The output does not depend on it; it only bounds memory per call.</summary>
    public int BlockFrames { get; init; } = 512;
}
