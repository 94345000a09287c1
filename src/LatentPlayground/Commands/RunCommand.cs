using System.CommandLine;
using LatentPlayground.Live;
using LatentPlayground.Render;

namespace LatentPlayground.Commands;

/// <summary>
/// <c>latentplayground run</c>: the pedal on stage. Runs the live engine from ALSA capture to playback
/// until SIGINT or SIGTERM (or for --duration), then fades out, drains, closes and exits 0. Settings come
/// from the defaults, then --config, then the options given here.
/// Thread: main (it becomes the control thread).
/// </summary>
public static class RunCommand
{
    public static Command Create(CommandContext context, ICodecSource codecs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(codecs);
        var config = new Option<string>("--config") { Description = "Run config file (JSON; see the README)", HelpName = "FILE" };
        var capture = new Option<string>("--capture") { Description = "ALSA capture PCM (default: \"default\")", HelpName = "PCM" };
        var playback = new Option<string>("--playback") { Description = "ALSA playback PCM (default: \"default\")", HelpName = "PCM" };
        var rate = new Option<int?>("--rate") { Description = "Sample rate; must be the model's (default: the model's)", HelpName = "N" };
        var period = new Option<int?>("--period") { Description = "Frames per period, 16..4096 (default 128)", HelpName = "N" };
        var periods = new Option<int?>("--periods") { Description = "Periods in the ALSA buffer, 2..32 (default 2)", HelpName = "N" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of audio (default: until SIGINT/SIGTERM)", HelpName = "SECONDS" };
        var model = new Option<string>("--model") { Description = "Model package folder (default: the bundled default model)", HelpName = "DIR" };
        var preset = new Option<string>("--preset") { Description = "Start from this preset file (JSON)", HelpName = "FILE" };
        var budget = new Option<string>("--budget-ms") { Description = "Inference budget: auto (measured for each model at load, the default) or a fixed number of ms", HelpName = "auto|X" };
        var models = new Option<string>("--models") { Description = "Models folder: its packages join the model library (default: beside the preset bank)", HelpName = "DIR" };
        var pace = new Option<string>("--pace") { Description = "device (a sound card), a number of times real time (for file PCMs), or none", HelpName = "device|X|none" };

        var sim = new Option<bool>("--sim") { Description = "Simulated footswitches, knobs, encoder, LEDs and display, with a terminal panel (keys: see the README)" };
        var command = new Command("run", "Run the pedal live: ALSA capture -> engine -> ALSA playback, on real-time threads.")
        {
            config, capture, playback, rate, period, periods, duration, model, models, preset, budget, pace, sim,
        };

        command.SetAction(r =>
        {
            string? configPath = r.GetValue(config);
            RunConfig settings = configPath is null ? new RunConfig() : RunConfigFile.Load(configPath);
            settings = Override(settings, "capture", "--capture", r.GetValue(capture), (c, v) => c with { Capture = ConfigRules.Device(v, "--capture") });
            settings = Override(settings, "playback", "--playback", r.GetValue(playback), (c, v) => c with { Playback = ConfigRules.Device(v, "--playback") });
            settings = Override(settings, "rate", "--rate", r.GetValue(rate), (c, v) => c with { Rate = ConfigRules.Rate(v, "--rate") });
            settings = Override(settings, "period", "--period", r.GetValue(period), (c, v) => c with { Period = ConfigRules.Period(v, "--period") });
            settings = Override(settings, "periods", "--periods", r.GetValue(periods), (c, v) => c with { Periods = ConfigRules.Periods(v, "--periods") });
            settings = Override(settings, "duration", "--duration", r.GetValue(duration), (c, v) => c with { DurationSeconds = ConfigRules.Duration(v, "--duration") });
            settings = Override(settings, "model", "--model", r.GetValue(model), (c, v) => c with { Model = v });
            settings = Override(settings, "preset", "--preset", r.GetValue(preset), (c, v) => c with { Preset = v });
            settings = Override(settings, "budget_ms", "--budget-ms", r.GetValue(budget), (c, v) => c with { BudgetMilliseconds = ConfigRules.Budget(v, "--budget-ms") });
            settings = Override(settings, "models_folder", "--models", r.GetValue(models), (c, v) => c with { ModelsFolder = ConfigRules.Path(v, "--models", folder: true) });
            settings = Override(settings, "pace", "--pace", r.GetValue(pace), (c, v) => c with { Pace = ConfigRules.Pace(v, "--pace") });

            if (r.GetValue(sim))
            {
                settings = SimDefaults(settings with { Simulate = true });
            }

            LiveLog log = ReferenceEquals(context.Error, Console.Error) ? LiveLog.ForStandardError(context.Error) : new LiveLog(context.Error, journal: false);
            // On a terminal the simulator's panel owns the screen; the log goes under it, and in full to stderr at the end.
            Sim.LogRing? panelLog = settings.Simulate && !Console.IsOutputRedirected ? new Sim.LogRing() : null;
            if (panelLog is not null)
            {
                log = new LiveLog(panelLog, journal: false);
            }

            using SystemdNotifier notifier = SystemdNotifier.FromEnvironment();
            using StopRequest stop = StopRequest.OnSignals();
            return LiveSession.Run(settings, codecs, log, notifier, stop, panelLog);
        });
        return command;
    }

    // No sound card needed for the simulator: devices not chosen by a flag or the config file become ALSA's null
    // PCM, paced at real time so the engine and the panel run at the speed they would on stage.
    private static RunConfig SimDefaults(RunConfig config)
    {
        bool Chosen(string field) => config.Origins.ContainsKey(field);
        if (!Chosen("capture"))
        {
            config = config with { Capture = "null" };
        }

        if (!Chosen("playback"))
        {
            config = config with { Playback = "null" };
        }

        if (!Chosen("pace"))
        {
            config = config with { Pace = ConfigRules.Pace("1", "--pace") };
        }

        return config;
    }

    private static RunConfig Override<T>(RunConfig config, string field, string option, T? value, Func<RunConfig, T, RunConfig> apply)
        where T : class =>
        value is null ? config : apply(config, value).From(field, option);

    private static RunConfig Override<T>(RunConfig config, string field, string option, T? value, Func<RunConfig, T, RunConfig> apply)
        where T : struct =>
        value is T v ? apply(config, v).From(field, option) : config;
}
