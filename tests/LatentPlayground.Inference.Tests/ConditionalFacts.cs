using System.Diagnostics;

namespace LatentPlayground.Inference.Tests;

/// <summary>Runs only when some tested package ships int8 graphs; until the exporter writes them, the test reports itself skipped.</summary>
public sealed class Int8GraphFactAttribute : FactAttribute
{
    public Int8GraphFactAttribute()
    {
        if (!TestPackages.WithInt8.Any())
        {
            Skip = "no package here has int8 graphs (encoder.int8.onnx) yet";
        }
    }
}

/// <summary>Runs only where /usr/bin/python3 has torch and onnx (the exporter's toolchain), as in CI.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (!Python.HasTorch)
        {
            Skip = "/usr/bin/python3 with torch and onnx is not available";
        }
    }
}

internal static class Python
{
    public const string Executable = "/usr/bin/python3";

    private static readonly Lazy<bool> Torch = new(() => Run(["-c", "import torch, onnx"], TimeSpan.FromMinutes(1)).ExitCode == 0);

    public static bool HasTorch => File.Exists(Executable) && TestPackages.MakeScript is { } s && File.Exists(s) && Torch.Value;

    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
