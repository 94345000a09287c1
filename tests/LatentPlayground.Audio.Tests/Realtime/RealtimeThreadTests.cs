using LatentPlayground.Audio.Realtime;
using Tmds.Linux;

namespace LatentPlayground.Audio.Tests.Realtime;

/// <summary>
/// SCHED_FIFO and pinning may or may not be allowed where these run (a container without CAP_SYS_NICE
/// refuses them): each test accepts either outcome where the machine decides, but then checks that it is
/// reported truthfully, and forces the refusals it asserts on.
/// </summary>
public sealed class RealtimeThreadTests
{
    [Fact]
    public void Priority_and_core_are_applied_or_warned_about_once_and_the_body_runs()
    {
        var warnings = new List<string>();
        int policy = -1, cpu = -1;

        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test", FifoPriority: 10, Core: 0), () =>
        {
            policy = LibC.sched_getscheduler(0);
            cpu = LibC.sched_getcpu();
        }, warnings.Add);
        thread.Join();

        RealtimeReport report = thread.Report;
        Assert.Equal(report.PriorityApplied && report.CoreApplied ? 0 : 1, warnings.Count);
        Assert.Equal(report.PriorityApplied ? LibC.SCHED_FIFO : 0, policy);
        if (report.CoreApplied)
        {
            Assert.Equal(0, cpu);
        }

        string expected = $"lp-test thread: {(report.PriorityApplied ? "SCHED_FIFO 10" : "normal scheduling (SCHED_FIFO 10 refused)")}, {(report.CoreApplied ? "core 0" : "any core (core 0 refused)")}";
        Assert.Equal(expected, report.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(1000)]
    public void An_impossible_priority_warns_once_and_runs_anyway(int priority)
    {
        var warnings = new List<string>();
        int policy = -1;

        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test", FifoPriority: priority), () => policy = LibC.sched_getscheduler(0), warnings.Add);
        thread.Join();

        Assert.False(thread.Report.PriorityApplied);
        Assert.Equal(0, policy);
        string warning = Assert.Single(warnings);
        Assert.Equal($"the lp-test thread runs without what was asked for, so audio may drop out under load: SCHED_FIFO priority {priority} is outside 1–99", warning);
        Assert.Equal(warning, thread.Report.Warning);
    }

    [Theory]
    [InlineData(-1, "core -1 is outside 0–1023, the cores a cpu_set_t can name")]
    [InlineData(5000, "core 5000 is outside 0–1023, the cores a cpu_set_t can name")]
    [InlineData(1000, "core 1000 is not one this process may run on")]
    public void An_impossible_core_warns_once_and_runs_anyway(int core, string problem)
    {
        var warnings = new List<string>();
        bool ran = false;

        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test", Core: core), () => ran = true, warnings.Add);
        thread.Join();

        Assert.True(ran);
        Assert.False(thread.Report.CoreApplied);
        Assert.Contains(problem, Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Equal($"lp-test thread: normal scheduling, any core (core {core} refused)", thread.Report.ToString());
    }

    [Fact]
    public void Two_refusals_make_one_warning()
    {
        var warnings = new List<string>();

        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test", FifoPriority: 500, Core: 5000), () => { }, warnings.Add);
        thread.Join();

        string warning = Assert.Single(warnings);
        Assert.Contains("SCHED_FIFO priority 500 is outside 1–99; core 5000 is outside 0–1023", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_asked_nothing_warned()
    {
        var warnings = new List<string>();

        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-plain"), () => { }, warnings.Add);
        thread.Join();

        Assert.Empty(warnings);
        Assert.Null(thread.Report.Warning);
        Assert.Equal("lp-plain thread: normal scheduling, any core", thread.Report.ToString());
    }

    [LimitedFact(nameof(ProcessLimits.RealtimePriority), mustBeBelow: 10)]
    public void Without_CAP_SYS_NICE_fifo_is_refused_with_a_warning_that_says_what_to_grant()
    {
        var warnings = new List<string>();
        RealtimeReport? report = null;
        int policy = -1;

        ThreadCapabilities.RunWithout(ThreadCapabilities.CapSysNice, () =>
        {
            RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test", FifoPriority: 10), () => policy = LibC.sched_getscheduler(0), warnings.Add);
            thread.Join();
            report = thread.Report;
        });

        Assert.False(report!.PriorityApplied);
        Assert.Equal(0, policy);
        string warning = Assert.Single(warnings);
        Assert.Contains("SCHED_FIFO priority 10 is not permitted (Operation not permitted): it needs CAP_SYS_NICE or an RLIMIT_RTPRIO of at least 10, and RLIMIT_RTPRIO is ", warning, StringComparison.Ordinal);
        Assert.Contains("LimitRTPRIO=10", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throwing_body_is_rethrown_by_Join()
    {
        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test"), () => throw new InvalidOperationException("boom"));

        var e = Assert.Throws<InvalidOperationException>(thread.Join);
        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public void Join_with_a_timeout_says_whether_the_body_finished()
    {
        using var release = new ManualResetEventSlim();
        RealtimeThread thread = RealtimeThread.Start(new RealtimeSettings("lp-test"), () => release.Wait());

        Assert.False(thread.Join(TimeSpan.FromMilliseconds(50)));
        Assert.True(thread.IsAlive);
        release.Set();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
    }
}
