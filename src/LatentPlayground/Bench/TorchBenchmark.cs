using System.Diagnostics;
using System.Text.Json;

namespace LatentPlayground.Bench;

/// <summary>
/// Runs the same model in torch 1.13 (Debian's python3-torch), as LibTorch-based players pay for it:
/// <c>lpexport.bench_torch</c> rebuilds the streaming architecture from the package's own weights,
/// traces it, and times it on one thread with the serial OpenBLAS, which is torch's fair best here
/// (Debian's torch otherwise links the slow reference BLAS). Thread: the caller's.
/// </summary>
public static class TorchBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const string SerialOpenBlas = "/usr/lib/x86_64-linux-gnu/openblas-serial";

    /// <summary>Times torch running the package's own architecture rebuilt from its weights, or says why it could not.</summary>
    public static (HopTimings? Timings, string Note) Run(string packageFolder, double seconds) =>
        Run("lpexport.bench_torch", ["--package", Path.GetFullPath(packageFolder)], seconds, "torch 1.13 fp32");

    /// <summary>
    /// Times a RAVE TorchScript export as nn~ and the RAVE VST run it (<c>torch.jit.load</c>, its own
    /// streaming forward), or says why it could not: the original of an imported package.
    /// </summary>
    public static (HopTimings? Timings, string Note) RunTorchScript(string file, double seconds) =>
        Run("lpexport.rave.bench_ts", ["--ts", Path.GetFullPath(file)], seconds, "torch.jit .ts fp32");

    private static (HopTimings? Timings, string Note) Run(string module, string[] arguments, double seconds, string label)
    {
        string? export = Models.Toolchain.Find(module["lpexport.".Length..]);
        if (!File.Exists(Python))
        {
            return (null, "skipped: /usr/bin/python3 is not installed");
        }

        if (export is null)
        {
            return (null, "skipped: src/export (the model toolchain) is not next to this program; run bench from a checkout");
        }

        var start = new ProcessStartInfo(Python)
        {
            WorkingDirectory = export,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-m", module }.Concat(arguments).Concat(["--seconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        string blas = "reference BLAS";
        if (Directory.Exists(SerialOpenBlas))
        {
            start.Environment["LD_LIBRARY_PATH"] = SerialOpenBlas;
            blas = "serial OpenBLAS";
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start python");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string why = stderr.Result.Trim().Split('\n')[^1];
            return (null, $"skipped: torch benchmark failed: {why}");
        }

        using JsonDocument doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        JsonElement r = doc.RootElement;
        double[] times = r.GetProperty("hop_us").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        double hopMicros = r.GetProperty("hop_duration_us").GetDouble();
        string mode = r.TryGetProperty("mode", out JsonElement m) ? m.GetString() ?? "" : "";
        return (HopTimings.From(label, times, hopMicros, 0, 0), $"torch {r.GetProperty("torch").GetString()}, {mode}, {blas}");
    }
}
