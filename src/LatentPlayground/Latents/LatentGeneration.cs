using System.Globalization;
using LatentPlayground.Core.Latents;

namespace LatentPlayground.Latents;

/// <summary>
/// <c>latents generate</c>'s work: reads the files, draws synthetic arrays when a distribution is asked for,
/// and applies the pattern. With a distribution, one-array patterns (fibo, orale) draw from A's statistics
/// (A's and B's together when B is given); two-array patterns (blender, swapper) draw A's array from A's
/// statistics and B's from B's (or a second, independent draw from A's). Without one, the files are used as
/// they are, and two-array patterns need B. Thread: any non-real-time thread.
/// </summary>
public static class LatentGeneration
{
    /// <exception cref="UsageException">Bad files or parameters, one line naming the option or the file.</exception>
    public static LatentArray Run(GenerateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Frames is < 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--frames: {request.Frames} must be at least 1"));
        }

        bool twoArrays = request.Pattern is LatentPattern.Blender or LatentPattern.Swapper;
        if (twoArrays && request.With is null && request.Distribution is null)
        {
            throw new UsageException($"--with: {Name(request.Pattern)} works on two arrays; give --with B, or --dist to draw both from A's statistics");
        }

        LatentArray a = LatentFiles.Read(request.From);
        LatentArray? b = request.With is null ? null : LatentFiles.Read(request.With);
        if (b is not null && b.Dimensions != a.Dimensions)
        {
            throw new UsageException($"{request.With}: {b.Dimensions} latent dimensions, but {request.From} has {a.Dimensions}; --from and --with must come from one model");
        }

        try
        {
            (LatentArray first, LatentArray? second) = Sources(request, a, b, twoArrays);
            return request.Pattern switch
            {
                LatentPattern.Fibo => FiboPattern.Apply(first, request.Terms ?? 0),
                LatentPattern.Orale => OralePattern.Apply(first, request.Levels, request.Variation, request.Seed),
                LatentPattern.Blender => BlenderPattern.Apply(first, second!, request.Repeats ?? 1, request.Step),
                _ => SwapperPattern.Apply(first, second!, request.Repeats ?? SwapperPattern.DefaultRepeats, Share(request.SharePercent), request.Seed),
            };
        }
        catch (LatentFormatException e)
        {
            string hint = twoArrays && request.Distribution is null && e.Message.Contains("same size", StringComparison.Ordinal) ? " (--frames N cuts both to N)" : "";
            throw new UsageException($"--pattern: {e.Message}{hint}", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"--pattern: {Name(request.Pattern)}: {e.Message.Split(" (Parameter")[0]}", e);
        }
    }

    private static (LatentArray First, LatentArray? Second) Sources(GenerateRequest request, LatentArray a, LatentArray? b, bool twoArrays)
    {
        if (request.Distribution is not { } law)
        {
            return request.Frames is int n ? (a.Take(n), b?.Take(n)) : (a, b);
        }

        int frames = request.Frames ?? a.Frames;
        if (!twoArrays)
        {
            LatentStatistics pooled = LatentStatistics.Of(b is null ? [a] : [a, b]);
            return (LatentGenerator.Generate(pooled, law, frames, request.Seed), null);
        }

        LatentArray first = LatentGenerator.Generate(LatentStatistics.Of([a]), law, frames, request.Seed, stream: 0);
        LatentArray second = LatentGenerator.Generate(LatentStatistics.Of([b ?? a]), law, frames, request.Seed, stream: 1);
        return (first, second);
    }

    private static double Share(double percent) =>
        percent is >= 0 and <= 100 ? percent / 100 : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--share: {percent} is outside 0..100 %"));

    private static string Name(LatentPattern pattern) => pattern.ToString().ToLowerInvariant();
}
