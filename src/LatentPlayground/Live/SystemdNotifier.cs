using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LatentPlayground.Live;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram per message to the AF_UNIX socket named in NOTIFY_SOCKET
/// (a path, or an abstract name written with a leading '@'). READY=1 once audio runs, WATCHDOG=1 while it
/// stays healthy (at half of WATCHDOG_USEC, as sd_watchdog_enabled(3) advises), STATUS= lines for
/// <c>systemctl status</c>, STOPPING=1 on the way out. Outside systemd there is no socket and nothing is sent.
/// Thread: the control thread only.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endPoint;

    private SystemdNotifier(string? socketName, TimeSpan? watchdogInterval)
    {
        WatchdogInterval = watchdogInterval;
        if (socketName is { Length: > 1 } && (socketName[0] == '/' || socketName[0] == '@'))
        {
            // Linux's abstract namespace: the name starts with a NUL byte where systemd writes '@'.
            _endPoint = new UnixDomainSocketEndPoint(socketName[0] == '@' ? "\0" + socketName[1..] : socketName);
            _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        }
    }

    /// <summary>True when a notify socket was given.</summary>
    public bool Enabled => _socket is not null;

    /// <summary>How often to ping the watchdog (half its timeout), or null when it is off or meant for another process.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>The first send error, if any, for the log. Sending is best effort, as in sd_notify.</summary>
    public string? LastError { get; private set; }

    public static SystemdNotifier FromEnvironment() => From(
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET"),
        Environment.GetEnvironmentVariable("WATCHDOG_USEC"),
        Environment.GetEnvironmentVariable("WATCHDOG_PID"),
        Environment.ProcessId);

    /// <summary>From the variables systemd sets; WATCHDOG_PID, when set, must be this process.</summary>
    public static SystemdNotifier From(string? notifySocket, string? watchdogUsec, string? watchdogPid, int processId)
    {
        TimeSpan? interval = null;
        bool forUs = watchdogPid is null || (int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid == processId);
        if (forUs && long.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out long usec) && usec > 0)
        {
            interval = TimeSpan.FromMicroseconds(usec / 2.0);
        }

        return new SystemdNotifier(notifySocket, interval);
    }

    public void Ready(string status) => Send($"READY=1\nSTATUS={status}");

    public void Watchdog() => Send("WATCHDOG=1");

    public void Status(string status) => Send($"STATUS={status}");

    public void Stopping(string status) => Send($"STOPPING=1\nSTATUS={status}");

    /// <summary>Sends newline-separated assignments; false (and <see cref="LastError"/>) when it could not.</summary>
    public bool Send(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_socket is null)
        {
            return false;
        }

        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), _endPoint!);
            return true;
        }
        catch (SocketException e)
        {
            LastError ??= $"sd_notify to {_endPoint}: {e.Message}";
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
