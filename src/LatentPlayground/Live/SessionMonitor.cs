using System.Diagnostics;
using System.Globalization;
using LatentPlayground.Audio.Live;

namespace LatentPlayground.Live;

/// <summary>How a run ended.</summary>
public enum RunEnd
{
    /// <summary>SIGINT, SIGTERM or a caller asked.</summary>
    Stopped,

    /// <summary>--duration of audio went through.</summary>
    DurationReached,

    /// <summary>A real-time thread ended on its own: an ALSA or model failure.</summary>
    Failed,
}

/// <summary>
/// The main thread's watch over a running driver, a few times a second, and nothing else (the pedal's controls
/// run on their own thread, <see cref="Pedal.ControlLoop"/>): pings the systemd watchdog while
/// audio is healthy (periods and hops both advancing), logs late hops and xruns as they happen (at most one
/// line each per second), a status line every status interval, and warns once when the capture device runs
/// much faster than real time (a file or null PCM with no pace set). Never touches the real-time threads:
/// it reads their published counters.
/// Thread: the thread that runs the session (the main thread), only.
/// </summary>
public sealed class SessionMonitor(LiveDriver driver, RunConfig config, int sampleRate, LiveLog log, SystemdNotifier notifier)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EventLogInterval = TimeSpan.FromSeconds(1);

    /// <summary>Audio must have advanced this recently to count as healthy.</summary>
    private static readonly TimeSpan HealthWindow = TimeSpan.FromSeconds(2);

    /// <summary>Collections and pauses since the watch began.</summary>
    public GcPauses Gc { get; } = new();

    public RunEnd Watch(StopRequest stop)
    {
        long started = Stopwatch.GetTimestamp();
        long lastStatus = started, lastEvents = started, lastPing = started;
        long lastPeriodsAt = started, lastHopsAt = started;
        LiveCounters seen = driver.ReadCounters();
        LiveCounters logged = seen;
        bool paceChecked = config.Pace.Mode != PacingMode.Device;
        TimeSpan tick = notifier.WatchdogInterval is TimeSpan w && w < Tick ? w : Tick;

        while (true)
        {
            if (stop.Wait(tick))
            {
                return RunEnd.Stopped;
            }

            LiveCounters c = driver.ReadCounters();
            long now = Stopwatch.GetTimestamp();
            Gc.Sample();
            if (!driver.AudioRunning)
            {
                return config.DurationSeconds is double d && c.Frames >= (long)(d * sampleRate) ? RunEnd.DurationReached : RunEnd.Failed;
            }

            if (!driver.InferenceRunning)
            {
                return RunEnd.Failed;
            }

            lastPeriodsAt = c.Periods > seen.Periods ? now : lastPeriodsAt;
            lastHopsAt = c.Hops > seen.Hops ? now : lastHopsAt;
            seen = c;
            bool healthy = Stopwatch.GetElapsedTime(lastPeriodsAt, now) < HealthWindow && Stopwatch.GetElapsedTime(lastHopsAt, now) < HealthWindow;
            if (healthy && notifier.WatchdogInterval is TimeSpan interval && Stopwatch.GetElapsedTime(lastPing, now) >= interval - tick)
            {
                notifier.Watchdog();
                lastPing = now;
            }

            if (Stopwatch.GetElapsedTime(lastEvents, now) >= EventLogInterval)
            {
                LogEvents(logged, c);
                logged = c;
                lastEvents = now;
            }

            if (Stopwatch.GetElapsedTime(lastStatus, now).TotalSeconds >= config.StatusIntervalSeconds)
            {
                log.Info($"status: {c}");
                notifier.Status(StatusLine(c));
                lastStatus = now;
            }

            if (!paceChecked && Stopwatch.GetElapsedTime(started, now).TotalSeconds >= 2)
            {
                paceChecked = true;
                CheckPace(c, Stopwatch.GetElapsedTime(started, now).TotalSeconds);
            }
        }
    }

    /// <summary>A short status for systemctl.</summary>
    public static string StatusLine(LiveCounters c) => string.Create(CultureInfo.InvariantCulture,
        $"running: late hops {c.LateHops}, xruns {c.Xruns}, hop worst {c.WorstHopMicroseconds / 1000:0.0} ms, audio load {c.AudioLoad:P0}");

    private void LogEvents(LiveCounters before, LiveCounters now)
    {
        if (now.LateHops > before.LateHops)
        {
            log.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{now.LateHops - before.LateHops} late hop(s), {now.LateHops} in all: the wet signal faded to the aligned dry one and back (worst hop {now.WorstHopMicroseconds / 1000:0.00} ms)"));
        }

        if (now.SkippedHops > before.SkippedHops)
        {
            log.Warning(string.Create(CultureInfo.InvariantCulture,
                $"the inference thread fell behind and skipped {now.SkippedHops - before.SkippedHops} hop(s), {now.SkippedHops} in all"));
        }

        if (now.Xruns > before.Xruns)
        {
            log.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{now.Xruns - before.Xruns} xrun(s), {now.Xruns} in all: the stream was recovered with its latency unchanged (worst period {now.WorstPeriodMicroseconds:0} us)"));
        }
    }

    /// <summary>
    /// A warning when a device-paced stream runs well over real time (by half again: a card's clock is off
    /// by parts per million, not by half), else null.
    /// </summary>
    public static string? PaceWarning(long frames, int sampleRate, double wallSeconds)
    {
        double speed = frames / (double)sampleRate / wallSeconds;
        return speed > 1.5
            ? string.Create(CultureInfo.InvariantCulture,
                $"the capture device delivers audio {speed:0.#}x faster than real time, so hops will be late: it does not pace itself (alsa-lib's file or null plugin?). Set \"pace\": 1 (or --pace 1) to pace it to the clock as a card would")
            : null;
    }

    private void CheckPace(LiveCounters c, double wallSeconds)
    {
        if (PaceWarning(c.Frames, sampleRate, wallSeconds) is string warning)
        {
            log.Warning(warning);
        }
    }
}
