using LatentPlayground.State;

namespace LatentPlayground.Tests.State;

/// <summary>
/// The persistence writer: the control thread's request never waits for the disk, a burst of requests becomes one
/// or two writes of the latest settings, a flush puts the latest on disk, a failed write is reported once, and
/// preset saves coalesce per file and report how they went.
/// </summary>
public sealed class PersistenceWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-settings-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_burst_of_requests_is_one_or_two_writes_of_the_latest_settings()
    {
        using (var writer = new PersistenceWriter(_folder))
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
        var writer = new PersistenceWriter(_folder, (folder, settings) =>
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
        using var writer = new PersistenceWriter(_folder, (folder, settings) =>
        {
            if (fail)
            {
                throw new IOException("No space left on device");
            }

            PedalSettingsFile.Save(folder, settings);
        });

        writer.Request(new PedalSettings { Bpm = 90 });
        writer.Flush();
        Assert.True(writer.TakeReport(out PersistenceReport report));
        Assert.Equal(new PersistenceReport(false, $"{Path.Combine(_folder, PedalSettingsFile.FileName)}: cannot save the settings: No space left on device", null), report);
        Assert.False(writer.TakeReport(out _));

        fail = false;
        writer.Request(new PedalSettings { Bpm = 91 });
        writer.Flush();
        Assert.False(writer.TakeReport(out _));
        Assert.Equal(91, PedalSettingsFile.Load(_folder).Settings.Bpm);
    }

    [Fact]
    public void Preset_saves_coalesce_per_file_and_each_file_reports_once()
    {
        var written = new List<(string File, string Name)>();
        using var disk = new ManualResetEventSlim(false);
        using var writer = new PersistenceWriter(_folder, savePreset: (folder, file, preset) =>
        {
            disk.Wait(TimeSpan.FromSeconds(30));
            lock (written)
            {
                written.Add((file, preset.Name));
            }

            return Path.Combine(folder, file);
        });

        writer.RequestPreset(_folder, "01-a.json", new Core.Presets.Preset { Name = "first", Parameters = new Core.Parameters.ParameterSet() });
        Thread.Sleep(50); // the writer takes the first and waits on the "disk"
        for (int i = 0; i < 20; i++)
        {
            writer.RequestPreset(_folder, "01-a.json", new Core.Presets.Preset { Name = $"a{i}", Parameters = new Core.Parameters.ParameterSet() });
            writer.RequestPreset(_folder, "02-b.json", new Core.Presets.Preset { Name = $"b{i}", Parameters = new Core.Parameters.ParameterSet() });
        }

        disk.Set();
        writer.Flush();
        lock (written)
        {
            Assert.Equal("a19", written.Last(w => w.File == "01-a.json").Name);
            Assert.Equal("b19", written.Single(w => w.File == "02-b.json").Name);
            Assert.InRange(written.Count, 2, 3);
        }

        var reports = new List<PersistenceReport>();
        while (writer.TakeReport(out PersistenceReport r))
        {
            reports.Add(r);
        }

        Assert.All(reports, r => Assert.True(r.Ok));
        Assert.Contains(reports, r => r.Line == "saved " + Path.Combine(_folder, "02-b.json") && r.Display == "Saved\nb19");
    }
}
