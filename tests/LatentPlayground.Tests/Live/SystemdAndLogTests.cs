using System.Net.Sockets;
using System.Text;
using LatentPlayground.Live;

namespace LatentPlayground.Tests.Live;

public sealed class SystemdAndLogTests
{
    [Fact]
    public void Without_a_notify_socket_nothing_is_sent()
    {
        using var n = SystemdNotifier.From(null, null, null, 42);

        Assert.False(n.Enabled);
        Assert.False(n.Send("READY=1"));
        Assert.Null(n.WatchdogInterval);
    }

    [Fact]
    public void Notifications_reach_a_socket_named_by_path()
    {
        string folder = Directory.CreateTempSubdirectory("lp-notify-").FullName;
        string path = Path.Combine(folder, "notify");
        try
        {
            using var listener = Bind(path);
            using var n = SystemdNotifier.From(path, null, null, 42);

            n.Ready("running");
            n.Watchdog();
            n.Stopping("bye");

            Assert.Equal("READY=1\nSTATUS=running", Receive(listener));
            Assert.Equal("WATCHDOG=1", Receive(listener));
            Assert.Equal("STOPPING=1\nSTATUS=bye", Receive(listener));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_at_sign_names_an_abstract_socket()
    {
        string name = $"lp-notify-test-{Guid.NewGuid():N}";
        using var listener = Bind("\0" + name);
        using var n = SystemdNotifier.From("@" + name, null, null, 42);

        Assert.True(n.Send("STATUS=abstract"));
        Assert.Equal("STATUS=abstract", Receive(listener));
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_reported_not_thrown()
    {
        using var n = SystemdNotifier.From("/nonexistent/notify", null, null, 42);

        Assert.False(n.Send("READY=1"));
        Assert.StartsWith("sd_notify to /nonexistent/notify: ", n.LastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500000", null, 250.0)]
    [InlineData("500000", "42", 250.0)]
    [InlineData("500000", "43", null)]
    [InlineData("0", null, null)]
    [InlineData("soon", null, null)]
    [InlineData(null, null, null)]
    public void The_watchdog_is_pinged_at_half_its_timeout_when_it_is_meant_for_this_process(string? usec, string? pid, double? expectedMs)
    {
        using var n = SystemdNotifier.From("/run/systemd/notify", usec, pid, 42);

        Assert.Equal(expectedMs, n.WatchdogInterval?.TotalMilliseconds);
    }

    [Fact]
    public void Journal_lines_carry_syslog_priorities_and_plain_lines_say_warning_and_error_in_words()
    {
        var journal = new StringWriter();
        var plain = new StringWriter();
        foreach (LiveLog log in new[] { new LiveLog(journal, journal: true), new LiveLog(plain, journal: false) })
        {
            log.Error("boom");
            log.Warning("two\nlines");
            log.Notice("note");
            log.Info("fyi");
        }

        Assert.Equal("<3>boom\n<4>two lines\n<5>note\n<6>fyi\n", journal.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("error: boom\nwarning: two lines\nnote\nfyi\n", plain.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("12:34", true)]
    [InlineData("12:35", false)]
    [InlineData("12", false)]
    [InlineData("a:b", false)]
    [InlineData(null, false)]
    public void JOURNAL_STREAM_must_name_standard_errors_own_device_and_inode(string? variable, bool matches)
    {
        Assert.Equal(matches, JournalStream.Matches(variable, (12UL, 34UL)));
        Assert.False(JournalStream.Matches("12:34", null));
    }

    [Fact]
    public void Standard_errors_identity_is_read_with_fstat()
    {
        Assert.NotNull(JournalStream.StandardErrorIdentity());
    }

    private static Socket Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static string Receive(Socket socket)
    {
        byte[] buffer = new byte[4096];
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
