namespace LatentPlayground.Commands;

/// <summary>What <c>model info --quality</c> measured: the model, how it was run, and each clip's measures.</summary>
/// <param name="Model">The package's name.</param>
/// <param name="Codec">The codec as render names it, with its precision.</param>
/// <param name="SampleRate">The model's rate, at which everything was measured.</param>
/// <param name="Hop">The model's hop, whose power-of-two divisors are the periods measured.</param>
/// <param name="Settings">The engine settings of the renders, as --set assignments.</param>
/// <param name="MaxLagSeconds">Longest output lag searched when aligning.</param>
/// <param name="Clips">One entry per bundled clip.</param>
public sealed record ModelQualityReport(
    string Model,
    string Codec,
    int SampleRate,
    int Hop,
    IReadOnlyList<string> Settings,
    double MaxLagSeconds,
    IReadOnlyList<ClipQuality> Clips);
