using LatentPlayground.Core.Xy;
using LatentPlayground.Files;

namespace LatentPlayground.Xy;

/// <summary>
/// What the commands that use a mapping share (<c>xy</c>, <c>render --xy</c>): reading one with its problems as usage
/// errors, training one in place, naming its groups. Thread: main.
/// </summary>
public static class XyMappings
{
    /// <summary>Epochs when none are asked for: the reference's training length.</summary>
    public const int DefaultEpochs = 3000;

    /// <summary>The groups by the names the file and <c>xy new --groups</c> use, in the file's order.</summary>
    public static IReadOnlyList<(XyGroups Group, string Name)> GroupNames { get; } =
        [(XyGroups.Seed, "seed"), (XyGroups.Scale, "scale"), (XyGroups.Offset, "offset"), (XyGroups.Time, "time")];

    /// <summary>Reads a mapping; any problem is a usage error, prefixed with <paramref name="what"/> when given (an option).</summary>
    public static XyMapping Read(string path, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return XyFiles.Load(path);
        }
        catch (Exception e) when (e is XyFormatException or InputFileException)
        {
            throw new UsageException(what is null ? e.Message : $"{what}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Trains <paramref name="mapping"/> and adopts the network; <paramref name="progress"/> hears the loss every hundred
    /// epochs. A mapping with no points is a usage error naming <paramref name="source"/>.
    /// </summary>
    public static XyTrainingResult Train(XyMapping mapping, string source, uint seed = 0, int epochs = DefaultEpochs, Action<int, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (mapping.Points.Count == 0)
        {
            throw new UsageException($"{source}: no points to train on (add some with `latentplayground xy add`)");
        }

        XyTrainingResult result = mapping.Train(seed, epochs, progress);
        mapping.Adopt(result.Network, result.FinalLoss);
        return result;
    }

    /// <summary>The names of <paramref name="groups"/>, in the file's order.</summary>
    public static string GroupList(XyGroups groups) => string.Join(", ", GroupNames.Where(g => groups.HasFlag(g.Group)).Select(g => g.Name));
}
