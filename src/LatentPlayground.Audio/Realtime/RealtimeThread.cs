using System.Runtime.ExceptionServices;

namespace LatentPlayground.Audio.Realtime;

/// <summary>
/// A dedicated thread that, before anything else, puts itself on SCHED_FIFO and pins itself to a core,
/// then runs its body. Where the rights are missing it runs anyway, without them, and says so once.
/// </summary>
/// <remarks>
/// Scheduling is applied from inside the new thread because Linux sets policy and affinity per thread
/// (sched(7)), and a thread may change itself without knowing its own kernel id.
/// </remarks>
public sealed class RealtimeThread
{
    private readonly Thread _thread;
    private readonly TaskCompletionSource<RealtimeReport> _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RealtimeSettings _settings;
    private readonly Action _body;
    private RealtimeReport? _report;
    private ExceptionDispatchInfo? _fault;

    private RealtimeThread(RealtimeSettings settings, Action body)
    {
        _settings = settings;
        _body = body;
        _thread = new Thread(Run) { Name = settings.Name, IsBackground = true };
    }

    /// <summary>What was applied. Available as soon as <see cref="Start"/> returns. Thread: any.</summary>
    public RealtimeReport Report => _report ?? throw new InvalidOperationException("the thread has not started");

    /// <summary>True while the body runs. Thread: any.</summary>
    public bool IsAlive => _thread.IsAlive;

    /// <summary>
    /// Starts the thread and waits until it has applied its scheduling, so <see cref="Report"/> is ready
    /// for the startup log. When something was refused, <paramref name="warn"/> is called once, here on the
    /// starting thread, so the real-time thread never logs. Thread: any non-real-time thread.
    /// </summary>
    public static RealtimeThread Start(RealtimeSettings settings, Action body, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(body);
        var thread = new RealtimeThread(settings, body);
        thread._thread.Start();
        thread._report = thread._applied.Task.GetAwaiter().GetResult();
        if (thread._report.Warning is string warning)
        {
            warn?.Invoke(warning);
        }

        return thread;
    }

    /// <summary>Waits for the body to return; rethrows what it threw. Thread: any but this one.</summary>
    public void Join()
    {
        _thread.Join();
        _fault?.Throw();
    }

    /// <summary>Waits at most <paramref name="timeout"/>; false if the body still runs. Thread: any but this one.</summary>
    public bool Join(TimeSpan timeout)
    {
        if (!_thread.Join(timeout))
        {
            return false;
        }

        _fault?.Throw();
        return true;
    }

    private void Run()
    {
        try
        {
            _applied.SetResult(Apply(_settings));
        }
#pragma warning disable CA1031 // Handed to Start, which throws it; without this Start would wait forever.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _applied.SetException(e);
            return;
        }

        try
        {
            _body();
        }
#pragma warning disable CA1031 // The fault is kept and rethrown by Join; an unhandled one would end the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _fault = ExceptionDispatchInfo.Capture(e);
        }
    }

    private static RealtimeReport Apply(RealtimeSettings settings)
    {
        string? priorityProblem = null;
        string? coreProblem = null;
        bool priorityApplied = settings.FifoPriority is int priority && ThreadScheduling.TrySetFifoPriority(priority, out priorityProblem);
        bool coreApplied = settings.Core is int core && ThreadScheduling.TryPinToCore(core, out coreProblem);
        string[] problems = [.. new[] { priorityProblem, coreProblem }.OfType<string>()];
        string? warning = problems.Length == 0
            ? null
            : $"the {settings.Name} thread runs without what was asked for, so audio may drop out under load: {string.Join("; ", problems)}";
        return new RealtimeReport(settings.Name, settings.FifoPriority, priorityApplied, settings.Core, coreApplied, warning);
    }
}
