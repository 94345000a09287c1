namespace LatentPlayground.Core.Engine;

/// <summary>
/// What the control side may ask of the running engine(s): the boundary between the control thread and the
/// real-time threads. Every call is the control thread's, never waits, and either reaches every real-time thread
/// or none (false).
/// </summary>
public interface IEngineCommands
{
    /// <summary>Queues one parameter change (or a fired action).</summary>
    bool Post(in ParameterChange change);

    /// <summary>Queues a glitch-free switch to <paramref name="values"/> (indexed by parameter id), as a preset recall.</summary>
    bool PostSwitch(ReadOnlySpan<double> values);

    /// <summary>Hands the engine the outside clock to follow, or stops following one.</summary>
    void SetExternalClock(in Tempo.ExternalClock clock);

    /// <summary>The latent looper of the engine the output comes from; null where there is none.</summary>
    Latents.LatentLooper? Looper { get; }

    /// <summary>The latest counters, tempo and latent the engine published.</summary>
    EngineSnapshot ReadSnapshot();
}
