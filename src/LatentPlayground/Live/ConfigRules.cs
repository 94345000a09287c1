using System.Globalization;
using LatentPlayground.Audio.Live;

namespace LatentPlayground.Live;

/// <summary>
/// The ranges and shapes of the run settings, shared by the config file and the command line, so both
/// refuse the same values with the same words. Each check throws <see cref="UsageException"/> naming the
/// field as the user wrote it. Thread: any.
/// </summary>
public static class ConfigRules
{
    public static int Rate(int value, string where) => InRange(value, 8000, 192000, where);

    public static int Channels(int value, string where) => InRange(value, 1, 2, where);

    public static int Period(int value, string where) => InRange(value, 16, 4096, where);

    public static int Periods(int value, string where) => InRange(value, 2, 32, where);

    public static int Priority(int value, string where) => InRange(value, 1, 99, where);

    public static double BudgetMilliseconds(double value, string where) => InRange(value, 0, 2000, where);

    /// <summary>"auto" (null: measured per model at load) or a fixed budget in milliseconds, 0..2000.</summary>
    public static double? Budget(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            return BudgetMilliseconds(ms, where);
        }

        throw new UsageException($"{where}: \"{text}\" is not a budget: use \"auto\" (measured per model) or a number of milliseconds");
    }

    public static double StatusInterval(double value, string where) => InRange(value, 1, 86400, where);

    public static double Duration(double value, string where) => InRange(value, 0.001, 1e7, where);

    /// <summary>"device", "none", or a number of times real time (0.01..1000) for clock pacing.</summary>
    public static LivePacing Pace(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("device", StringComparison.OrdinalIgnoreCase))
        {
            return LivePacing.Device;
        }

        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return LivePacing.Unpaced;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed))
        {
            return LivePacing.Clock(InRange(speed, 0.01, 1000, where));
        }

        throw new UsageException($"{where}: \"{text}\" is not a pace: use \"device\", \"none\", or a number of times real time such as 1");
    }

    /// <summary>A device name: any non-empty text; ALSA itself says whether it exists.</summary>
    public static string Device(string value, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{where}: a PCM name cannot be empty") : value;

    /// <summary>A path the pedal will use later: non-empty, no NUL, and not the wrong kind of thing if it exists.</summary>
    public static string Path(string value, string where, bool folder)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new UsageException($"{where}: \"{value}\" is not a usable path");
        }

        if (folder && File.Exists(value))
        {
            throw new UsageException($"{where}: {value} is a file, not a folder");
        }

        if (!folder && Directory.Exists(value))
        {
            throw new UsageException($"{where}: {value} is a folder, not a file");
        }

        return value;
    }

    /// <summary>Refuses an inference thread that would outrank the audio thread it feeds.</summary>
    public static void PriorityOrder(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.AudioThread.Priority is int audio && config.InferenceThread.Priority is int inference && inference >= audio)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{config.Where("inference_thread")}: priority {inference} must be below the audio thread's {audio}: the audio thread must never wait for a hop"));
        }
    }

    private static int InRange(int value, int min, int max, string where) =>
        value < min || value > max
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{where}: {value} is out of range {min}..{max}"))
            : value;

    private static double InRange(double value, double min, double max, string where) =>
        !double.IsFinite(value) || value < min || value > max
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{where}: {value} is out of range {min}..{max}"))
            : value;
}
