using System.Runtime.InteropServices;

namespace LatentPlayground.Live;

/// <summary>
/// Why and when the run should end: SIGINT or SIGTERM (through PosixSignalRegistration, so the runtime does
/// not kill the process before the stream has faded out and drained), or a caller's own request.
/// Thread: <see cref="Request"/> from any thread (signal handlers run on the thread pool); the rest from the
/// control thread.
/// </summary>
public sealed class StopRequest : IDisposable
{
    private readonly ManualResetEventSlim _requested = new(false);
    private readonly List<PosixSignalRegistration> _signals = [];
    private string? _reason;

    public bool IsRequested => _requested.IsSet;

    /// <summary>What asked for the stop ("SIGTERM", ...), or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>A stop request that SIGINT and SIGTERM fulfil, for as long as it is not disposed.</summary>
    public static StopRequest OnSignals()
    {
        var stop = new StopRequest();
        foreach (PosixSignal signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            stop._signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Cancel the default action (terminate): the run stops itself, cleanly.
                context.Cancel = true;
                stop.Request(context.Signal.ToString());
            }));
        }

        return stop;
    }

    /// <summary>Thread: any. Asks the run to stop; the first reason given is kept.</summary>
    public void Request(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _requested.Set();
    }

    /// <summary>Thread: control. Waits up to <paramref name="timeout"/>; true when a stop was requested.</summary>
    public bool Wait(TimeSpan timeout) => _requested.Wait(timeout);

    public void Dispose()
    {
        foreach (PosixSignalRegistration r in _signals)
        {
            r.Dispose();
        }

        _requested.Dispose();
    }
}
