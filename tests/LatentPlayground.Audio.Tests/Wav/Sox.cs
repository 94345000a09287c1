using System.Buffers.Binary;
using System.Diagnostics;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>Runs SoX, the independent reference for what a WAV file holds.</summary>
internal static class Sox
{
    public static string? Executable { get; } = Find("sox");

    /// <summary>Runs sox with the arguments; returns stdout as bytes and stderr as text, failing the test on a non-zero exit.</summary>
    public static (byte[] Out, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("sox is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"sox {string.Join(' ', arguments)} did not finish");
        }

        string stderr = error.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"sox {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}");
        return (output.ToArray(), stderr);
    }

    /// <summary>One field of `sox --i`, e.g. "-r" for the sample rate.</summary>
    public static string Info(string option, string path)
    {
        (byte[] output, string error) = Run("--i", option, path);
        Assert.Equal("", error);
        return System.Text.Encoding.UTF8.GetString(output).Trim();
    }

    /// <summary>The file decoded by sox to 32-bit float, planar, with any warning sox printed.</summary>
    public static (float[][] Channels, string Warnings) DecodeToFloat(string path, int channels)
    {
        (byte[] raw, string error) = Run(path, "-t", "raw", "-e", "floating-point", "-b", "32", "-L", "-");
        int frames = raw.Length / 4 / channels;
        float[][] planar = [.. Enumerable.Range(0, channels).Select(_ => new float[frames])];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < channels; c++)
            {
                planar[c][f] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(((f * channels) + c) * 4));
            }
        }

        return (planar, error);
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
