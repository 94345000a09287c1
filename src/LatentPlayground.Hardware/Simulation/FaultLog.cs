namespace LatentPlayground.Hardware.Simulation;

/// <summary>
/// What a simulated device found wrong in what the host sent, and whether it refuses it. A refusal is an
/// <see cref="IOException"/>, which is what a real bus transfer that the device NAKs or garbles gives the host.
/// Thread: callers hold the device's lock.
/// </summary>
internal sealed class FaultLog
{
    private readonly List<string> _faults = [];
    private readonly string _device;

    /// <summary>A log for <paramref name="device"/> (named in every message). Thread: any.</summary>
    public FaultLog(string device)
    {
        _device = device;
    }

    /// <summary>The faults so far.</summary>
    public IReadOnlyList<string> Faults => _faults;

    /// <summary>True (default) to throw each fault as an <see cref="IOException"/>.</summary>
    public bool Reject { get; set; } = true;

    /// <summary>Records the fault; throws it when refusing. Returns normally (to carry on) otherwise. Thread: the caller's, holding the device's lock.</summary>
    public void Fail(string problem)
    {
        string message = $"{_device}: {problem}";
        _faults.Add(message);
        if (Reject)
        {
            throw new IOException(message);
        }
    }
}
