namespace LatentPlayground.Core.Analysis;

/// <summary>
/// One period's line of the periodic-artefact measure.
/// </summary>
/// <param name="Period">The period in samples (a power-of-two divisor of the hop).</param>
/// <param name="FundamentalHz">rate / period: the comb's first harmonic.</param>
/// <param name="Harmonics">How many harmonics up to Nyquist the comb has.</param>
/// <param name="Share">Share of the signal's energy (DC excluded) within the comb's bands, 0..1.</param>
/// <param name="Chance">What a flat spectrum would score: the share of the spectrum's bins (DC excluded) the comb covers, 0..1.</param>
public sealed record PeriodicComb(int Period, double FundamentalHz, int Harmonics, double Share, double Chance);
