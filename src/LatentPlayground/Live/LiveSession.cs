using LatentPlayground.Files;
using System.Globalization;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Realtime;
using LatentPlayground.Commands;
using LatentPlayground.Core.Dsp;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Controls;
using LatentPlayground.Pedal;
using LatentPlayground.Core.Presets;
using LatentPlayground.Hardware.Pins;
using LatentPlayground.Inference;
using LatentPlayground.Library;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Presets;
using LatentPlayground.Render;
using LatentPlayground.Sim;
using LatentPlayground.State;

namespace LatentPlayground.Live;

/// <summary>
/// One run of the pedal's live engine: opens the model, builds and warms the engine, opens the ALSA
/// stream, reports the wet latency, starts the driver, tells systemd it is ready, watches it, and on a
/// stop fades out, drains, closes everything and answers the exit code.
/// Thread: the control thread (the program's main thread).
/// </summary>
public static class LiveSession
{
    /// <returns><see cref="ExitCodes.Ok"/> after a stop or the duration; <see cref="ExitCodes.Failure"/> when a real-time thread failed.</returns>
    /// <exception cref="UsageException">Bad settings, model, preset or device, before any audio ran.</exception>
    public static int Run(RunConfig config, ICodecSource codecs, LiveLog log, SystemdNotifier notifier, StopRequest stop, LogRing? panelLog = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(stop);

        string bankFolder = config.PresetBank ?? PresetLocations.DefaultBankFolder;
        string stateFolder = config.StateDir ?? PedalSettingsFile.DefaultFolder;
        // Bank and settings messages wait for the startup report: a refusal below must stay one line.
        var startup = new List<(bool Warning, string Text)>();
        (PresetBank bank, PedalSettings pedalSettings) = LoadBankAndSettings(bankFolder, stateFolder, startup);
        ParameterSet parameters = StartingPreset(config, bank, bankFolder, ref pedalSettings, startup);
        ModelLibrary library = ScanLibrary(config, startup);
        ModelEntry first = StartingModel(config, library, ref pedalSettings, startup);
        // The card opens first, at the model's rate unless told otherwise, because the engine is sized for the
        // periods it will see: the card's own, or the resampled ones when the rates differ.
        int modelRate = first.SampleRate;
        AlsaDuplexStream stream = OpenStream(config, modelRate, startup);
        int rate = stream.SampleRate;
        RateBridge? bridge;
        LoadedModel loaded;
        try
        {
            bridge = BridgeFor(config, stream, modelRate);
            int enginePeriod = bridge?.MaxModelFrames ?? stream.PeriodFrames;
            loaded = Load(first, config, codecs, modelRate, enginePeriod, parameters, codecRate => string.Create(CultureInfo.InvariantCulture,
                $"its model.json says {modelRate} Hz but its graphs run at {codecRate} Hz"));
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        ModelSwitcher? switcher = null;
        try
        {
            LiveEngine engine = loaded.Engine;
            engine.Tempo.SetTempo(pedalSettings.Bpm);
            engine.Tempo.Start();
            var engines = new SwappableEngine(engine);
            try
            {
                (PinMap? pins, ControlsMap controlsMap) = LoadHardwareMaps(config);
                using var reducer = new PedalReducer(engines, bank, bankFolder, pedalSettings, new PersistenceWriter(stateFolder), log);
                using var midi = new MidiInputs(config.MidiInputs, log);
                WetLatency LatencyOf(LiveEngine e) =>
                    WetLatency.From(e.LatencySamples, e.WetDelaySamples, e.BudgetSamples, e.ModelLatencySamples, stream.Periods, stream.PeriodFrames, rate,
                        bridge?.LatencyCardSamples ?? 0, modelRate);
                var latency = LatencyOf(engine);
                StartupReport.Before(log, config, loaded.Codec.Description, engine.Codec, stream, latency, loaded.Budget, library, bridge);
                foreach ((bool warning, string text) in startup)
                {
                    if (warning)
                    {
                        log.Warning(text);
                    }
                    else
                    {
                        log.Info(text);
                    }
                }

                // Later models load on the switcher's worker thread, for this stream's rate.
                switcher = new ModelSwitcher(engines, library, first, loaded.Codec,
                    entry => Load(entry, config, codecs, modelRate, engine.MaxPeriodFrames, parameters, otherRate => string.Create(CultureInfo.InvariantCulture,
                        $"it runs at {otherRate} Hz and the engine at {modelRate} Hz; a change of rate needs a restart (start the pedal with it to play it)")),
                    e => LatencyOf(e).ToString(), log,
                    entry => Load(entry, config, codecs, modelRate, engine.MaxPeriodFrames, parameters, otherRate => string.Create(CultureInfo.InvariantCulture,
                        $"it runs at {otherRate} Hz and the engine at {modelRate} Hz"), bendable: true));
                reducer.Models = switcher;

                LiveDriver driver = LiveDriver.Start(engines, stream, engine.Hop, DriverSettings(config, rate), log.Warning, bridge);
                StartupReport.Threads(log, driver);
                notifier.Ready($"running, wet latency {latency.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");
                if (notifier.LastError is string notifyError)
                {
                    log.Warning(notifyError);
                }

                reducer.Start(parameters);
                midi.Start();
                using SimulatedPedal? simulated = config.Simulate ? new SimulatedPedal(pins!) : null;
                using PedalBuses? buses = simulated is null && pins is not null ? OpenBuses(pins, log) : null;
                PedalBuses? surfaceBuses = simulated?.Buses ?? buses;
                using PedalSurface? surface = surfaceBuses is null ? null : new PedalSurface(pins!, controlsMap, surfaceBuses, reducer, engines.ReadSnapshot, log);
                SimPanel? panel = simulated is null ? null : new SimPanel(simulated, surface!, KeySource.StartReading(), Console.Out, stop, panelLog);
                panel?.Begin();
                RunEnd end;
                GcPauses? gc = null;
                // From here to Stop the control thread owns the pedal's state; this thread only watches the audio.
                using (var control = new ControlLoop(reducer, midi, surface, panel, log))
                {
                    control.Start();
                    try
                    {
                        var monitor = new SessionMonitor(driver, config, rate, log, notifier);
                        end = monitor.Watch(stop);
                        gc = monitor.Gc;
                    }
                    finally
                    {
                        control.Stop();
                        panel?.End(Console.Error);
                    }
                }

                log.FlushSuppressed(all: true);
                notifier.Stopping("stopping");
                int code = Finish(driver, end, stop, log);
                if (gc is not null)
                {
                    gc.Sample();
                    log.Info(gc.ToString());
                }

                reducer.SaveState();
                return code;
            }
            finally
            {
                stream.Dispose();
            }
        }
        finally
        {
            // The models go once no real-time thread runs them any more.
            if (switcher is null)
            {
                loaded.Codec.Dispose();
            }
            else
            {
                switcher.Dispose();
            }
        }
    }

    // The default model (the config's or the bundled one), then the models folder and the extra folders (USB
    // sticks). A default that is not a usable package stops the run, as before; any other bad folder is a warning.
    private static ModelLibrary ScanLibrary(RunConfig config, List<(bool Warning, string Text)> log)
    {
        var warnings = new List<string>();
        ModelLibrary library;
        try
        {
            library = ModelLibrary.Scan(config.Model ?? OnnxCodecSource.DefaultModelFolder, config.ModelsFolder ?? ModelLibrary.DefaultModelsFolder, config.ExtraModelFolders, warnings);
        }
        catch (ModelPackageException e)
        {
            throw new UsageException(e.Message, e);
        }

        log.AddRange(warnings.Select(w => (true, w)));
        log.Add((false, $"model library: {library.Count} model{(library.Count == 1 ? "" : "s")} ({string.Join(", ", library.Entries.Select(e => e.Name))}); default {library.Default.Name}"));
        return library;
    }

    // --model wins; otherwise the model chosen before the restart (settings.json), if the library still has it;
    // otherwise the default. Any rate suits: a card at another rate is bridged.
    private static ModelEntry StartingModel(RunConfig config, ModelLibrary library, ref PedalSettings settings, List<(bool Warning, string Text)> log)
    {
        if (config.Where("model") == "--model" || settings.Model is not string name)
        {
            return library.Default;
        }

        if (library.Find(name) is not ModelEntry chosen)
        {
            log.Add((true, $"model {name} (chosen before the restart): not in the model library (removed, or skipped above); starting on the default model {library.Default.Name}"));
            settings = settings with { Model = null };
            return library.Default;
        }

        return chosen;
    }

    // Opens a model and builds its engine for this stream: the rate checked against the engine's, the budget
    // chosen (measured with warm-up hops on this thread unless fixed), the engine warmed, sized for periods of up
    // to enginePeriod frames. The caller owns the result's codec.
    private static LoadedModel Load(ModelEntry entry, RunConfig config, ICodecSource codecs, int rate, int enginePeriod, ParameterSet parameters, Func<int, string> rateProblem, bool bendable = false)
    {
        OpenedCodec opened = bendable ? codecs.OpenBendable(entry.Folder, ModelNoise.Default) : codecs.Open(entry.Folder, config.Precision);
        try
        {
            IStreamingCodec codec = opened.Codec;
            if (codec.SampleRate != rate)
            {
                throw new UsageException(rateProblem(codec.SampleRate));
            }

            // The code runs once before the timing, so the first timed hops do not pay for compiling it.
            EngineWarmUp.Run(() => BuildEngine(codec, config, enginePeriod, codec.Hop, parameters), codec, enginePeriod);
            RealtimeSettings inference = DriverSettings(config, rate).InferenceThread;
            var measureOn = inference with { Name = "lp-measure", FifoPriority = inference.FifoPriority is int p ? Math.Max(1, p - 1) : null };
            BudgetChoice budget = BudgetChoice.For(codec, enginePeriod, config.Pace, config.BudgetMilliseconds, config.Where("budget_ms"), measureOn);
            LiveEngine Make() => BuildEngine(codec, config, enginePeriod, budget.Samples, parameters);
            EngineWarmUp.Run(Make, codec, enginePeriod);
            return new LoadedModel(entry, opened, Make(), budget);
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    // The bank (seeded with the factory presets on first boot) and the settings; neither can stop the
    // pedal from starting: a bad file is a warning and the defaults stand in.
    private static (PresetBank Bank, PedalSettings Settings) LoadBankAndSettings(string bankFolder, string stateFolder, List<(bool Warning, string Text)> log)
    {
        try
        {
            PresetLocations.EnsureBank(bankFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Add((true, $"{bankFolder}: cannot create the preset bank ({e.Message}); using the factory presets"));
        }

        (PresetBank bank, IReadOnlyList<string> problems, string source) = PresetLocations.Open(bankFolder);
        foreach (string p in problems)
        {
            log.Add((true, p));
        }

        log.Add((false, $"preset bank {source}: {bank.Count} presets"));
        (PedalSettings settings, string? problem) = PedalSettingsFile.Load(stateFolder);
        if (problem is not null)
        {
            log.Add((true, problem));
        }

        return (bank, settings);
    }

    // --preset wins; otherwise the last preset recalled before the reboot; otherwise the bank's first.
    private static ParameterSet StartingPreset(RunConfig config, PresetBank bank, string bankFolder, ref PedalSettings settings, List<(bool Warning, string Text)> log)
    {
        if (config.Preset is not null)
        {
            return RenderCommand.BuildSettings(config.Preset, null, [], null, bankFolder).Parameters;
        }

        int index = settings.LastPreset is string last ? bank.IndexOf(last) : -1;
        if (settings.LastPreset is not null && index < 0)
        {
            log.Add((true, $"last preset {settings.LastPreset}: not in the bank (deleted, or skipped above); starting from the first preset"));
        }

        if (bank.TrySelect(Math.Max(index, 0), out PresetEntry? entry))
        {
            log.Add((false, $"preset {bank.Current}: {entry!.Preset.Name} ({entry.FileName})"));
            settings = settings with { LastPreset = entry.FileName };
            return entry.Preset.Parameters;
        }

        return new ParameterSet();
    }

    // Both maps are checked before any audio runs: a bad one is a refusal naming the field.
    private static (PinMap? Pins, ControlsMap Map) LoadHardwareMaps(RunConfig config)
    {
        ControlsMap map = ControlsMap.Default;
        if ((config.ControlsMap ?? (config.Simulate ? BundledHardware("controls.json") : null)) is string controls)
        {
            try
            {
                map = ControlsMapJson.Parse(InputFile.ReadAllText(controls, InputFile.SmallJsonLimit, "controls_map"), controls);
            }
            catch (Exception e) when (e is FormatException or InputFileException)
            {
                throw new UsageException($"controls_map: {e.Message}", e);
            }
        }

        string? pinPath = config.HardwareMap ?? (config.Simulate ? BundledHardware("pinmap.json") : null);
        if (pinPath is null)
        {
            return (null, map);
        }

        try
        {
            return (PinMapJson.Load(pinPath), map);
        }
        catch (Exception e) when (e is PinMapFormatException or InputFileException)
        {
            throw new UsageException($"hardware_map: {e.Message}", e);
        }
    }

    // The reference build's maps, shipped next to the executable.
    private static string BundledHardware(string file) => Path.Combine(AppContext.BaseDirectory, "hardware", file);

    // No GPIO (not a Pi, no rights to the chip) is a warning: the pedal still plays, and MIDI still controls it.
    private static PedalBuses? OpenBuses(PinMap pins, LiveLog log)
    {
        try
        {
            return PedalBuses.OpenSystem(pins);
        }
#pragma warning disable CA1031 // Whatever the GPIO stack throws on a machine without it, the pedal runs on without its controls.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Warning($"controls off: cannot open GPIO chip {pins.GpioChip} ({e.Message}); MIDI and presets still work");
            return null;
        }
    }

    private static int Finish(LiveDriver driver, RunEnd end, StopRequest stop, LiveLog log)
    {
        try
        {
            driver.Stop();
        }
#pragma warning disable CA1031 // Whatever ended a real-time thread (ALSA, the model) ends the run as one line and exit 1; systemd restarts it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Error($"the live engine stopped: {e.Message}");
            log.Info($"counters at the end: {driver.ReadCounters()}");
            return ExitCodes.Failure;
        }

        LiveCounters c = driver.ReadCounters();
        string why = end switch
        {
            RunEnd.Stopped => $"stopped by {stop.Reason ?? "request"}",
            RunEnd.DurationReached => "duration reached",
            _ => "a real-time thread ended on its own",
        };
        log.Notice($"{why}; faded out, drained and closed: {c}");
        return end == RunEnd.Failed ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static LiveEngine BuildEngine(IStreamingCodec codec, RunConfig config, int period, int budget, ParameterSet parameters)
    {
        var engine = new LiveEngine(codec, config.Channels, period, budget);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            if (d.Kind != ParameterKind.Action)
            {
                engine.Post(new ParameterChange(d.Id, parameters[d.Id]));
            }
        }

        engine.ApplyPendingImmediately();
        return engine;
    }

    // The configured rate, or the model's. A card that refuses the model's rate (and no rate was configured)
    // runs at the nearest it offers, and the pedal resamples; the first refusal is what a failure reports.
    private static AlsaDuplexStream OpenStream(RunConfig config, int modelRate, List<(bool Warning, string Text)> log)
    {
        var settings = new PcmSettings(config.Rate ?? modelRate, config.Channels, config.Period, config.Periods)
        {
            Formats = config.Format is PcmSampleFormat f ? [f] : PcmSampleFormats.DefaultPreference,
        };
        try
        {
            return AlsaDuplexStream.Open(config.Capture, config.Playback, settings);
        }
        catch (AlsaException e) when (config.Rate is null)
        {
            try
            {
                AlsaDuplexStream near = AlsaDuplexStream.Open(config.Capture, config.Playback, settings with { RequireExactRate = false });
                log.Add((true, string.Create(CultureInfo.InvariantCulture,
                    $"the card cannot run at the model's {modelRate} Hz; it runs at {near.SampleRate} Hz, and the pedal resamples")));
                return near;
            }
            catch (AlsaException)
            {
                throw new UsageException(e.Message, e);
            }
        }
        catch (AlsaException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    // Null when the card runs at the model's rate; otherwise the resampling round trip for its periods.
    private static RateBridge? BridgeFor(RunConfig config, AlsaDuplexStream stream, int modelRate)
    {
        int cardRate = stream.SampleRate;
        if (cardRate == modelRate)
        {
            return null;
        }

        if (!RateBridge.Supports(cardRate, modelRate))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{config.Where("rate")}: the card runs at {cardRate} Hz and the model at {modelRate} Hz, which have no small ratio to resample by; use 44100, 48000 or 96000"));
        }

        return new RateBridge(cardRate, modelRate, stream.Channels, stream.PeriodFrames);
    }

    private static LiveDriverSettings DriverSettings(RunConfig config, int rate)
    {
        IReadOnlyList<int> cores = AllowedCores.Get();
        return new LiveDriverSettings
        {
            AudioThread = new RealtimeSettings("lp-audio", config.AudioThread.Priority, config.AudioThread.Core.Resolve(cores, fromEnd: 2)),
            InferenceThread = new RealtimeSettings("lp-inference", config.InferenceThread.Priority, config.InferenceThread.Core.Resolve(cores, fromEnd: 1)),
            Pacing = config.Pace,
            StopAfterFrames = config.DurationSeconds is double d ? (long)Math.Ceiling(d * rate) : null,
        };
    }
}
