using LatentPlayground.Core.Modulation;

namespace LatentPlayground.Core.Parameters;

/// <summary>
/// The one definition of every control. Presets, knobs, MIDI, the display and the CLI all read it.
/// Built once at type initialisation; read-only afterwards, so any thread may read it.
/// </summary>
public static class ParameterTable
{
    /// <summary>Bounds every latent value is kept in by the Mode limiter, as in the reference device.</summary>
    public const double LatentLimit = 3.0;

    /// <summary>Names of the noise bases, in <see cref="Noise.NoiseBasisKind"/> order.</summary>
    public static readonly IReadOnlyList<string> BasisNames = ["cell", "simplex", "perlin", "distorted", "voronoi", "fractal"];

    /// <summary>The latent looper's loop lengths, in bars of 4/4.</summary>
    public static readonly IReadOnlyList<string> LoopBarNames = ["1", "2", "4"];

    /// <summary>How the looper arranges its material: the capture as played, or one of the reference's patterns.</summary>
    public static readonly IReadOnlyList<string> LoopPatternNames = ["capture", "fibo", "orale", "blender", "swapper"];

    /// <summary>What the looper's pattern is made of: the capture itself, or arrays drawn from its statistics.</summary>
    public static readonly IReadOnlyList<string> LoopSourceNames = ["capture", "normal", "uniform", "correlated"];

    /// <summary>Names of the range modes, in <see cref="RangeMode"/> order.</summary>
    public static readonly IReadOnlyList<string> ModeNames = ["none", "clip", "warp", "fold"];

    // Default CCs come from numbers the MIDI 1.0 spec leaves undefined or rarely used
    // (3, 9, 14-31, 52-63, 85-90, 102-119), so the default map never fights a synth's mod wheel,
    // volume, sustain or the RPN/NRPN and channel-mode messages.
    private static readonly int[] CcPool =
    [
        .. new[] { 3, 9 },
        .. Enumerable.Range(14, 18),
        .. Enumerable.Range(52, 12),
        .. Enumerable.Range(85, 6),
        .. Enumerable.Range(102, 18),

        // Appended when the table outgrew the list above, so earlier defaults keep their numbers: the LSBs of the
        // undefined controllers 14-19, which nothing sends.
        .. Enumerable.Range(46, 6),
    ];

    private static readonly ParameterDescriptor[] Rows = Build();
    private static readonly Dictionary<string, ParameterDescriptor> ByName =
        Rows.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>All parameters, indexed by <see cref="ParameterId"/>.</summary>
    public static IReadOnlyList<ParameterDescriptor> All => Rows;

    public static int Count => Rows.Length;

    public static ParameterDescriptor Get(ParameterId id) => Rows[(int)id];

    /// <summary>Looks a parameter up by its name, ignoring case.</summary>
    public static bool TryFind(string name, out ParameterDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name.Trim(), out descriptor!);
    }

    /// <summary>
    /// True for the parameters the Reset action restores: every modulator parameter except
    /// basis and mode, as the reference device does.
    /// </summary>
    public static bool IsResetByModulatorReset(ParameterId id) =>
        id is ParameterId.Speed or ParameterId.Scale or ParameterId.Rate or ParameterId.GlobalSeed
            or ParameterId.SeedLink or ParameterId.TimeChaos
            or (>= ParameterId.Seed1 and <= ParameterId.Seed8)
            or (>= ParameterId.Time1 and <= ParameterId.Time8)
            or (>= ParameterId.TimeMs1 and <= ParameterId.TimeMs8);

    private static ParameterDescriptor[] Build()
    {
        var rows = new List<ParameterDescriptor>();
        int cc = 0;

        void Add(ParameterId id, string name, string label, string group, ParameterKind kind, double min, double max,
            double def, string unit = "", int decimals = 0, ParameterTaper taper = ParameterTaper.Linear,
            IReadOnlyList<string>? choices = null, string description = "")
        {
            if ((int)id != rows.Count)
            {
                throw new InvalidOperationException($"parameter table out of order at {id}");
            }

            rows.Add(new ParameterDescriptor(id, name, label, group, kind, min, max, def, unit, decimals, taper,
                choices, CcPool[cc++], description));
        }

        void Toggle(ParameterId id, string name, string label, string group, bool def, string description) =>
            Add(id, name, label, group, ParameterKind.Toggle, 0, 1, def ? 1 : 0, description: description);

        Toggle(ParameterId.Encode, "encode", "Encode", "engine", true, "Feed the encoder's latents to the decoder; off leaves only offsets and modulators.");
        Toggle(ParameterId.Decode, "decode", "Decode", "engine", true, "Run the decoder; off passes the dry signal through.");
        Add(ParameterId.DryWet, "drywet", "Dry/Wet", "engine", ParameterKind.Continuous, 0, 100, 100, "%", 0,
            description: "Mix of the processed signal against the dry input.");
        Toggle(ParameterId.Align, "align", "Align", "engine", true, "Delay the dry signal by the wet path's latency so both stay in time.");
        Toggle(ParameterId.Limiter, "limiter", "Limiter", "engine", true, "Safety limiter on the decoded signal.");
        Add(ParameterId.LimiterCeiling, "ceiling", "Ceiling", "engine", ParameterKind.Continuous, -24, 0, -1, "dB", 1,
            description: "Highest peak the limiter lets through, in dBFS.");
        Toggle(ParameterId.Bypass, "bypass", "Bypass", "engine", false, "True bypass of the whole effect, with a short crossfade.");

        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            Add(DimensionParameters.Offset(d), $"offset.{d + 1}", $"Offset{d + 1}", "latent", ParameterKind.Continuous,
                -LatentLimit, LatentLimit, 0, decimals: 2, description: $"Constant added to latent dimension {d + 1}.");
        }

        Add(ParameterId.Deviation, "deviation", "Deviate", "latent", ParameterKind.Continuous, 0, LatentLimit, 0, decimals: 2,
            description: "Spreads the eight offsets apart by a seeded amount per dimension; Mode keeps the result in range.");
        Toggle(ParameterId.Modulation, "mod", "Mod", "modulator", true, "Add the eight noise modulators to the latents.");
        Add(ParameterId.Basis, "basis", "Basis", "modulator", ParameterKind.Choice, 0, BasisNames.Count - 1, 1,
            choices: BasisNames, description: "Noise family the trajectories are drawn from.");
        Add(ParameterId.Speed, "speed", "Speed", "modulator", ParameterKind.Continuous, 0, 1000, 200, decimals: 0,
            description: "Step through noise space per new value: 100-200 gentle, 800-1000 chaotic.");
        Add(ParameterId.Scale, "scale", "Scale", "modulator", ParameterKind.Continuous, 0, LatentLimit, 1, decimals: 2,
            description: "Amplitude of the modulation around the offsets.");
        Add(ParameterId.Rate, "rate", "Rate", "modulator", ParameterKind.Continuous, 0.05, 24, 8, "Hz", 2, ParameterTaper.Logarithmic,
            description: "How often a new noise value is drawn, and the cutoff of the smoothing filter.");
        Add(ParameterId.Mode, "mode", "Mode", "modulator", ParameterKind.Choice, 0, ModeNames.Count - 1, 1,
            choices: ModeNames, description: "What happens past [-3, 3]: none, clip, warp (wrap around) or fold (reflect).");

        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            Add(DimensionParameters.Seed(d), $"seed.{d + 1}", $"Seed{d + 1}", "modulator", ParameterKind.Whole, 0, 9999, d + 1,
                description: $"Seed of dimension {d + 1}'s noise sequence.");
        }

        Add(ParameterId.GlobalSeed, "seed", "Seed", "modulator", ParameterKind.Whole, 0, 9999, 0,
            description: "Global seed: re-rolls all eight sequences; with seed link, the one sequence they share.");
        Toggle(ParameterId.SeedLink, "seed.link", "Link", "modulator", false, "All eight dimensions follow one shared sequence.");

        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            Add(DimensionParameters.Time(d), $"time.{d + 1}", $"Time{d + 1}", "modulator", ParameterKind.Choice, 0,
                TimeDivision.Names.Count - 1, TimeDivision.Off, choices: TimeDivision.Names,
                description: $"Loop dimension {d + 1}: off, free (Time ms) or a note value on the tempo grid.");
        }

        for (int d = 0; d < DimensionParameters.Count; d++)
        {
            Add(DimensionParameters.TimeMs(d), $"time.{d + 1}.ms", $"Tms{d + 1}", "modulator", ParameterKind.Continuous, 20, 20000,
                1000, "ms", 0, ParameterTaper.Logarithmic, description: $"Loop length of dimension {d + 1} when its Time is free.");
        }

        Add(ParameterId.TimeChaos, "time.chaos", "T.Chaos", "modulator", ParameterKind.Continuous, 0, 100, 0, "%", 0,
            description: "Spreads each dimension's loop length by a seeded amount, up to this percentage.");
        Add(ParameterId.Reset, "reset", "Reset", "action", ParameterKind.Action, 0, 1, 0,
            description: "Restore every modulator parameter except basis and mode.");
        Add(ParameterId.Trigger, "trigger", "Trigger", "action", ParameterKind.Action, 0, 1, 0,
            description: "Restart all eight trajectories together from their seeds.");
        Toggle(ParameterId.Freeze, "freeze", "Freeze", "engine", false,
            "Latent freeze: hold z' where it is; the decoder keeps sounding it and the modulators pause.");
        Add(ParameterId.XyX, "xy.x", "X", "xy", ParameterKind.Continuous, 0, 1, 0.5, decimals: 2,
            description: "XY pad, left to right: where the next point goes; in predict, moves the mapped settings.");
        Add(ParameterId.XyY, "xy.y", "Y", "xy", ParameterKind.Continuous, 0, 1, 0.5, decimals: 2,
            description: "XY pad, bottom to top: where the next point goes; in predict, moves the mapped settings.");
        Toggle(ParameterId.XyPredict, "xy.predict", "Predict", "xy", false,
            "PREDICT: X and Y drive the mapped settings through the trained XY mapping; off is MAP, collecting points.");
        Toggle(ParameterId.Loop, "loop", "Loop", "loop", false,
            "Latent looper: the loop plays in place of the encoder's latent, in time with the tempo; offsets, modulators and XY act on top.");
        Add(ParameterId.LoopBars, "loop.bars", "Bars", "loop", ParameterKind.Choice, 0, LoopBarNames.Count - 1, 1,
            choices: LoopBarNames, description: "How many bars (of 4/4) a capture takes and the loop lasts.");
        Add(ParameterId.LoopPattern, "loop.pattern", "Pattern", "loop", ParameterKind.Choice, 0, LoopPatternNames.Count - 1, 0,
            choices: LoopPatternNames, description: "The capture as played, or arranged by a pattern: fibo, orale, blender, swapper.");
        Add(ParameterId.LoopSource, "loop.source", "Source", "loop", ParameterKind.Choice, 0, LoopSourceNames.Count - 1, 0,
            choices: LoopSourceNames, description: "What the pattern is made of: the capture, or arrays drawn from its statistics (normal, uniform, correlated).");
        Add(ParameterId.LoopAmount, "loop.amount", "Amount", "loop", ParameterKind.Continuous, 0, 100, 25, "%", 0,
            description: "How far the pattern alters its material: orale's fourth repeat, blender's and swapper's share of points.");
        Add(ParameterId.LoopCapture, "loop.capture", "Capture", "action", ParameterKind.Action, 0, 1, 0,
            description: "Capture the last loop.bars bars of the encoder's latent (ending at the bar line) and loop them.");

        return [.. rows];
    }
}
