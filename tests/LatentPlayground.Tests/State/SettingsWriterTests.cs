using LatentPlayground.State;

namespace LatentPlayground.Tests.State;

/// <summary>
/// The settings writer: the control thread's request never waits for the disk, a burst of requests becomes one
/// or two writes of the latest settings, a flush puts the latest on disk, and a failed write is reported once.
/// </summary>
public sealed class SettingsWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-settings-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_burst_of_requests_is_one_or_two_writes_of_the_latest_settings()
    {
        using (var writer = new SettingsWriter(_folder))
        {
            for (int bpm = 60; bpm < 160; bpm++)
            {
                writer.Request(new PedalSettings { Bpm = bpm });
            }

            writer.Flush();
            Assert.InRange(writer.Writes, 1, 2);
        }

        Assert.Equal(159, PedalSettingsFile.Load(_folder).Settings.Bpm);
    }

    [Fact]
    public async Task A_request_returns_while_the_disk_is_still_busy()
    {
        using var disk = new ManualResetEventSlim(false);
        int saves = 0;
        var writer = new SettingsWriter(_folder, (folder, settings) =>
        {
            Interlocked.Increment(ref saves);
            disk.Wait(TimeSpan.FromSeconds(30)); // an SD card stalling on fsync
            PedalSettingsFile.Save(folder, settings);
        });

        writer.Request(new PedalSettings { Bpm = 100 });
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref saves) == 0 && started.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }

        Assert.Equal(1, Volatile.Read(ref saves)); // the writer is inside the first save, held by the "disk"

        // The second request comes while the first write hangs: if Request waited for the disk, this would not end.
        Task second = Task.Run(() => writer.Request(new PedalSettings { Bpm = 101 }));
        Assert.True(await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10))) == second, "Request waited for the disk");

        disk.Set();
        writer.Dispose();
        Assert.Equal(101, PedalSettingsFile.Load(_folder).Settings.Bpm);
        Assert.Equal(2, saves);
    }

    [Fact]
    public void A_failed_write_is_reported_once_and_the_next_one_still_happens()
    {
        bool fail = true;
        using var writer = new SettingsWriter(_folder, (folder, settings) =>
        {
            if (fail)
            {
                throw new IOException("No space left on device");
            }

            PedalSettingsFile.Save(folder, settings);
        });

        writer.Request(new PedalSettings { Bpm = 90 });
        writer.Flush();
        Assert.Equal($"{Path.Combine(_folder, PedalSettingsFile.FileName)}: cannot save the settings: No space left on device", writer.TakeProblem());
        Assert.Null(writer.TakeProblem());

        fail = false;
        writer.Request(new PedalSettings { Bpm = 91 });
        writer.Flush();
        Assert.Null(writer.TakeProblem());
        Assert.Equal(91, PedalSettingsFile.Load(_folder).Settings.Bpm);
    }
}
