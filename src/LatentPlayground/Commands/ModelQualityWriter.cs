using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Commands;

/// <summary>
/// Prints a <see cref="ModelQualityReport"/>: as text after <c>model info</c>'s description, or as one JSON
/// object (<c>--json</c>; a figure that does not exist, such as pitch with no frame voiced in both, is null).
/// Thread: any one thread.
/// </summary>
public static class ModelQualityWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteText(TextWriter o, ModelQualityReport report)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(report);
        o.WriteLine($"quality       {report.Codec} rendered as render does, latent untouched: {string.Join(' ', report.Settings)}");
        foreach (ClipQuality c in report.Clips)
        {
            string resampled = c.ClipRate == report.SampleRate ? "" : $", resampled {c.ClipRate} -> {report.SampleRate} Hz";
            o.WriteLine(string.Create(Inv, $"{c.Clip}  {c.Description}, {c.Seconds:0.00} s{resampled}"));
            o.WriteLine(string.Create(Inv, $"  periodic-artefact share: energy within +-{PeriodicShare.LineHalfWidthHz} Hz of the harmonics of rate/P, against a flat spectrum's (chance)"));
            o.WriteLine("    period     f0 Hz     input    output    chance");
            for (int i = 0; i < c.Output.Combs.Count; i++)
            {
                PeriodicComb output = c.Output.Combs[i];
                o.WriteLine(string.Create(Inv,
                    $"    {output.Period,6}  {output.FundamentalHz,8:0.###}  {Percent(c.Input.Combs[i].Share),8}  {Percent(output.Share),8}  {Percent(output.Chance),8}"));
            }

            o.WriteLine(string.Create(Inv,
                $"    largest           {Percent(c.Input.Max),8}  {Percent(c.Output.Max),8}            output's at P={c.Output.MaxPeriod}"));
            o.WriteLine(string.Create(Inv,
                $"  loudness r    {Figure(c.Loudness.R, "0.000")} over {c.Loudness.Frames} frames of 20 ms (output found {c.Loudness.LagSamples} samples late, lags 0..{report.MaxLagSeconds:0.##} s searched)"));
            if (c.Pitch is { } p)
            {
                o.WriteLine(string.Create(Inv,
                    $"  pitch         median error {Figure(p.MedianCents, "0.0")} cents over {p.FramesCompared} frames voiced in both; voicing agrees on {p.VoicedAgreement:0.000} of {p.Frames} frames"));
            }

            if (c.Chroma is { } ch)
            {
                o.WriteLine(string.Create(Inv,
                    $"  chroma cosine {Figure(ch.MeanCosine, "0.000")} over {ch.FramesCompared} of {ch.Frames} frames where the input is not silent"));
            }
        }
    }

    public static void WriteJson(TextWriter o, ModelQualityReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(report);
        var clips = new JsonArray();
        foreach (ClipQuality c in report.Clips)
        {
            var periods = new JsonArray();
            for (int i = 0; i < c.Output.Combs.Count; i++)
            {
                PeriodicComb output = c.Output.Combs[i];
                periods.Add(new JsonObject
                {
                    ["period"] = output.Period,
                    ["fundamental_hz"] = output.FundamentalHz,
                    ["harmonics"] = output.Harmonics,
                    ["input"] = Number(c.Input.Combs[i].Share),
                    ["output"] = Number(output.Share),
                    ["chance"] = Number(output.Chance),
                });
            }

            var clip = new JsonObject
            {
                ["clip"] = c.Clip,
                ["description"] = c.Description,
                ["seconds"] = Number(c.Seconds),
                ["clip_rate"] = c.ClipRate,
                ["periodic_share"] = new JsonObject
                {
                    ["line_half_width_hz"] = PeriodicShare.LineHalfWidthHz,
                    ["dft_points"] = c.Output.TransformLength,
                    ["input_max"] = Number(c.Input.Max),
                    ["output_max"] = Number(c.Output.Max),
                    ["output_max_period"] = c.Output.MaxPeriod,
                    ["periods"] = periods,
                },
                ["loudness_r"] = Number(c.Loudness.R),
                ["lag_samples"] = c.Loudness.LagSamples,
            };
            if (c.Pitch is { } p)
            {
                clip["pitch"] = new JsonObject
                {
                    ["median_cents"] = Number(p.MedianCents),
                    ["voiced_agreement"] = Number(p.VoicedAgreement),
                    ["frames_compared"] = p.FramesCompared,
                    ["frames"] = p.Frames,
                };
            }

            if (c.Chroma is { } ch)
            {
                clip["chroma"] = new JsonObject
                {
                    ["cosine"] = Number(ch.MeanCosine),
                    ["frames_compared"] = ch.FramesCompared,
                    ["frames"] = ch.Frames,
                };
            }

            clips.Add(clip);
        }

        var root = new JsonObject
        {
            ["model"] = report.Model,
            ["folder"] = folder,
            ["codec"] = report.Codec,
            ["sample_rate"] = report.SampleRate,
            ["hop"] = report.Hop,
            ["settings"] = new JsonArray([.. report.Settings.Select(s => JsonValue.Create(s))]),
            ["max_lag_seconds"] = report.MaxLagSeconds,
            ["clips"] = clips,
        };
        o.WriteLine(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Percent(double share) => string.Create(Inv, $"{100 * share:0.00} %");

    private static string Figure(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, Inv);

    private static JsonValue? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
