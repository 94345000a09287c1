using LatentPlayground.Core.Latents;

namespace LatentPlayground.Latents;

/// <summary>What <c>latents generate</c> was asked for, as given on the command line (share in percent).</summary>
public sealed record GenerateRequest(
    string From, string? With, LatentPattern Pattern, LatentDistribution? Distribution, uint Seed,
    int? Frames, int? Repeats, int? Terms, int Levels, double Variation, int Step, double SharePercent);
