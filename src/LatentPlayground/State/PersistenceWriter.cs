using LatentPlayground.Core.Presets;
using LatentPlayground.Presets;

namespace LatentPlayground.State;

/// <summary>
/// Writes what the pedal keeps on disk (the settings file, saved presets, their bends and XY mappings, and the XY
/// mapping being built) on a low-priority thread of its own,
/// so the control thread, which polls the switches and draws the display, never waits on an SD card's fsync, which
/// can take tens of milliseconds. A request carries the whole, immutable content and returns at once. Requests
/// coalesce: only the latest settings, and the latest content of each preset file, are written; a pass writes
/// what waits and then rests <see cref="MinInterval"/>, so a burst of recalls costs one settings write. Each
/// write is atomic (<see cref="Files.AtomicFile"/>: temporary file, fsync, rename, fsync of the folder), so a
/// power cut leaves the old file or the new one.
/// Thread: <see cref="Request"/>, <see cref="RequestPreset"/>, <see cref="Flush"/>, <see cref="TakeReport"/> and
/// <see cref="Dispose"/> from the control thread; the file I/O on the writer's thread, below normal priority.
/// </summary>
public sealed class PersistenceWriter : IDisposable
{
    /// <summary>The shortest time between two passes of the writer.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly string _folder;
    private readonly Action<string, PedalSettings> _saveSettings;
    private readonly Func<string, string, Preset, string> _savePreset;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private readonly Dictionary<string, (string Folder, string FileName, Preset Preset)> _presets = [];
    private readonly Dictionary<string, (Core.Bending.BendConfig Config, float[] Weights)> _bends = [];
    private readonly Dictionary<string, (Core.Xy.XyMapping Mapping, bool Tell)> _mappings = [];
    private readonly Dictionary<string, Core.Latents.LatentArray> _latents = [];
    private readonly Queue<PersistenceReport> _reports = new();
    private PedalSettings? _pending;
    private long _requested;
    private long _written;
    private bool _flushing;
    private bool _stopping;

    /// <param name="folder">The state folder (settings.json).</param>
    /// <param name="saveSettings">Writes one settings file (tests slow it down or make it fail); the real atomic save when null.</param>
    /// <param name="savePreset">Writes one preset file and returns its path; the real atomic save when null.</param>
    public PersistenceWriter(string folder, Action<string, PedalSettings>? saveSettings = null, Func<string, string, Preset, string>? savePreset = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _folder = folder;
        _saveSettings = saveSettings ?? PedalSettingsFile.Save;
        _savePreset = savePreset ?? ((f, name, preset) => PresetFolder.Save(f, name, preset));
        _thread = new Thread(Run) { Name = "lp-writer", IsBackground = true, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    /// <summary>The state folder.</summary>
    public string Folder => _folder;

    /// <summary>Settings files written so far.</summary>
    public long Writes { get; private set; }

    /// <summary>Thread: control. Asks for <paramref name="settings"/> to be written; returns at once.</summary>
    public void Request(PedalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            _pending = settings;
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Thread: control. Asks for <paramref name="preset"/> to be written over <paramref name="fileName"/> in the bank
    /// <paramref name="folder"/>; returns at once. Its outcome comes back through <see cref="TakeReport"/>.
    /// </summary>
    public void RequestPreset(string folder, string fileName, Preset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        lock (_gate)
        {
            _presets[Path.Combine(folder, fileName)] = (folder, fileName, preset);
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Thread: control. Asks for a bend configuration and its weights to be written to <paramref name="jsonPath"/> (and
    /// the WAV beside it), before the presets of the same pass, so a preset never names a bend not yet on disk.
    /// </summary>
    public void RequestBend(string jsonPath, Core.Bending.BendConfig config, float[] weights)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (_gate)
        {
            _bends[jsonPath] = (config, weights);
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Thread: control. Asks for an XY mapping to be written to <paramref name="path"/>, before the presets of the same
    /// pass, so a preset never names a mapping not yet on disk. <paramref name="mapping"/> must not change afterwards
    /// (the control thread hands over a clone). <paramref name="tell"/>: a saved line in the log (a preset's mapping);
    /// the mapping being built is saved silently, and only a failure is told.
    /// </summary>
    public void RequestXy(string path, Core.Xy.XyMapping mapping, bool tell)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        lock (_gate)
        {
            _mappings[path] = (mapping, tell);
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Thread: control. Asks for the looper's material to be written to <paramref name="path"/> (.npy, float32), before
    /// the presets of the same pass. <paramref name="latents"/> is immutable.
    /// </summary>
    public void RequestLatents(string path, Core.Latents.LatentArray latents)
    {
        ArgumentNullException.ThrowIfNull(latents);
        lock (_gate)
        {
            _latents[path] = latents;
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Thread: control. Waits until every request so far is on disk, skipping the interval (shutdown).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            long target = _requested;
            _flushing = true;
            Monitor.PulseAll(_gate);
            while (_written < target && _thread.IsAlive)
            {
                _ = Monitor.Wait(_gate, 100);
            }

            _flushing = false;
        }
    }

    /// <summary>Thread: control. The next outcome to tell (a preset saved, a write that failed), oldest first; false when none.</summary>
    public bool TakeReport(out PersistenceReport report)
    {
        lock (_gate)
        {
            return _reports.TryDequeue(out report);
        }
    }

    /// <summary>Thread: control. Writes what is still waiting, then stops the writer.</summary>
    public void Dispose()
    {
        Flush();
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        var presets = new List<(string Folder, string FileName, Preset Preset)>();
        var bends = new List<KeyValuePair<string, (Core.Bending.BendConfig Config, float[] Weights)>>();
        var mappings = new List<KeyValuePair<string, (Core.Xy.XyMapping Mapping, bool Tell)>>();
        var latents = new List<KeyValuePair<string, Core.Latents.LatentArray>>();
        while (true)
        {
            PedalSettings? settings;
            long sequence;
            lock (_gate)
            {
                while (_pending is null && _presets.Count == 0 && _bends.Count == 0 && _mappings.Count == 0 && _latents.Count == 0 && !_stopping)
                {
                    _ = Monitor.Wait(_gate);
                }

                if (_pending is null && _presets.Count == 0 && _bends.Count == 0 && _mappings.Count == 0 && _latents.Count == 0)
                {
                    return;
                }

                settings = _pending;
                _pending = null;
                presets.Clear();
                presets.AddRange(_presets.Values);
                _presets.Clear();
                bends.Clear();
                bends.AddRange(_bends);
                _bends.Clear();
                mappings.Clear();
                mappings.AddRange(_mappings);
                _mappings.Clear();
                latents.Clear();
                latents.AddRange(_latents);
                _latents.Clear();
                sequence = _requested;
            }

            foreach ((string path, (Core.Bending.BendConfig config, float[] weights)) in bends)
            {
                Report(WriteBend(path, config, weights), counts: false);
            }

            foreach ((string path, Core.Latents.LatentArray array) in latents)
            {
                Report(WriteLatents(path, array), counts: false);
            }

            foreach ((string path, (Core.Xy.XyMapping mapping, bool tell)) in mappings)
            {
                Report(WriteXy(path, mapping, tell), counts: false);
            }

            foreach ((string folder, string fileName, Preset preset) in presets)
            {
                Report(WritePreset(folder, fileName, preset), counts: false);
            }

            if (settings is not null)
            {
                Report(WriteSettings(settings), counts: true);
            }

            lock (_gate)
            {
                _written = sequence;
                Monitor.PulseAll(_gate);

                // Requests that come in the next second wait for it, and only the latest is written then; a flush
                // or the end cuts the wait short.
                // On the monotonic clock: a Pi has no RTC, and NTP setting the wall clock back would stall saves.
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                TimeSpan waited;
                while (!_flushing && !_stopping && (waited = System.Diagnostics.Stopwatch.GetElapsedTime(started)) < MinInterval)
                {
                    _ = Monitor.Wait(_gate, MinInterval - waited);
                }
            }
        }
    }

    private PersistenceReport? WriteSettings(PedalSettings settings)
    {
        try
        {
            _saveSettings(_folder, settings);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PersistenceReport(false, $"{Path.Combine(_folder, PedalSettingsFile.FileName)}: cannot save the settings: {e.Message}", null);
        }
    }

    private PersistenceReport WritePreset(string folder, string fileName, Preset preset)
    {
        try
        {
            string path = _savePreset(folder, fileName, preset);
            return new PersistenceReport(true, $"saved {path}", $"Saved\n{preset.Name}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PersistenceReport(false, $"{Path.Combine(folder, fileName)}: not saved: {e.Message}; the file keeps the preset as it was", "NOT saved\n(see the log)");
        }
    }

    private static PersistenceReport? WriteBend(string path, Core.Bending.BendConfig config, float[] weights)
    {
        try
        {
            Bending.BendFiles.Save(path, config, weights);
            return new PersistenceReport(true, $"saved {path} ({config.Layers.Count} bent layers)", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.InputFileException)
        {
            return new PersistenceReport(false, $"{path}: bend not saved: {e.Message}", "Bend NOT saved\n(see the log)");
        }
    }

    private static PersistenceReport? WriteXy(string path, Core.Xy.XyMapping mapping, bool tell)
    {
        try
        {
            // The state folder is made with the first settings write; the mapping may come first.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            Xy.XyFiles.Save(path, mapping);
            return tell ? new PersistenceReport(true, $"saved {path} ({mapping.Points.Count} XY points)", null) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.InputFileException)
        {
            return new PersistenceReport(false, $"{path}: XY mapping not saved: {e.Message}", "XY map NOT saved\n(see the log)");
        }
    }

    private static PersistenceReport WriteLatents(string path, Core.Latents.LatentArray array)
    {
        try
        {
            Latents.LatentFiles.Write(path, path, array, 1, Core.Latents.LatentPrecision.Bits32);
            return new PersistenceReport(true, $"saved {path} ({array.Frames} latent frames)", null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or UsageException)
        {
            return new PersistenceReport(false, $"{path}: loop not saved: {e.Message}", "Loop NOT saved\n(see the log)");
        }
    }

    private void Report(PersistenceReport? report, bool counts)
    {
        lock (_gate)
        {
            if (counts)
            {
                Writes++;
            }

            if (report is PersistenceReport r)
            {
                _reports.Enqueue(r);
            }
        }
    }
}
