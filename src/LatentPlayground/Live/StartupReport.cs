using System.Globalization;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Audio.Live;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Live;

/// <summary>
/// The lines a run logs as it starts: what it runs, on what, with which latency, and what the threads got.
/// Thread: the control thread.
/// </summary>
internal static class StartupReport
{
    public static void Before(LiveLog log, RunConfig config, string model, IStreamingCodec codec, AlsaDuplexStream stream, WetLatency latency, BudgetChoice budget, Library.ModelLibrary library, Core.Dsp.RateBridge? bridge)
    {
        log.Info(string.Create(CultureInfo.InvariantCulture, $"latentplayground run: pid {Environment.ProcessId}, config {config.Source ?? "(none: defaults and options)"}"));
        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"model {model}: hop {codec.Hop} samples, {codec.SampleRate} Hz, {codec.LatencySamples} samples of its own latency"));
        log.Info($"audio: {stream}");
        if (bridge is not null)
        {
            log.Info(string.Create(CultureInfo.InvariantCulture,
                $"resampling: the card at {bridge.CardRate} Hz, the model at {bridge.ModelRate} Hz; every period goes to the model's rate and back (polyphase sinc, flat to 90 % of the lower Nyquist), adding {bridge.LatencyCardSamples} samples"));
        }

        log.Notice($"wet latency {latency}; held constant while running");
        log.Info($"{budget}; a later hop fades to the aligned dry signal and back");
        log.Info($"pace: {config.Pace}");
        log.Info($"preset {config.Preset ?? "(parameter defaults)"}; stored for later use: preset bank {config.PresetBank ?? "(none)"}, hardware map {config.HardwareMap ?? "(none)"}, MIDI inputs {(config.MidiInputs.Count == 0 ? "(none)" : string.Join(", ", config.MidiInputs))}");
        log.Info($"models folder {config.ModelsFolder ?? Library.ModelLibrary.DefaultModelsFolder}, extra folders {(config.ExtraModelFolders.Count == 0 ? "(none)" : string.Join(", ", config.ExtraModelFolders))}: {library.Count} model{(library.Count == 1 ? "" : "s")}, chosen on the settings page");
    }

    public static void Threads(LiveLog log, LiveDriver driver)
    {
        if (driver.MemoryLock is { Locked: true } m)
        {
            log.Info(m.Message);
        }

        log.Info(string.Create(CultureInfo.InvariantCulture,
            $"{driver.AudioThread}; {driver.InferenceThread}, polling every {driver.InferencePollInterval.TotalMilliseconds:0.###} ms when no hop is ready"));
        log.Info(GcPauses.Settings);
    }
}
