using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// A test double of the boundary between the control thread and the real-time threads: records what the reducer
/// asks of the engine, and refuses everything while <see cref="Full"/> (an inbox with no room).
/// </summary>
internal sealed class RecordingEngine : IEngineCommands
{
    public List<ParameterChange> Changes { get; } = [];

    public List<double[]> Switches { get; } = [];

    public List<ExternalClock> Clocks { get; } = [];

    public bool Full { get; set; }

    public bool Post(in ParameterChange change)
    {
        if (Full)
        {
            return false;
        }

        Changes.Add(change);
        return true;
    }

    public bool PostSwitch(ReadOnlySpan<double> values)
    {
        if (Full)
        {
            return false;
        }

        Switches.Add(values.ToArray());
        return true;
    }

    public void SetExternalClock(in ExternalClock clock) => Clocks.Add(clock);

    /// <summary>The model's latent size the snapshots report (0: not said, as for eight).</summary>
    public int LatentSize { get; set; }

    /// <summary>A looper for the reducer's loop tests (eight dimensions at the bundled model's rate), or none.</summary>
    public Core.Latents.LatentLooper? Looper { get; set; }

    public EngineSnapshot ReadSnapshot() => new() { LatentSize = LatentSize };

    public int Count(ParameterId id, double value) => Changes.Count(c => c.Id == id && c.Value == value);

    public void Clear()
    {
        Changes.Clear();
        Switches.Clear();
        Clocks.Clear();
    }
}
