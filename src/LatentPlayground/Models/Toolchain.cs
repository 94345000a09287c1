namespace LatentPlayground.Models;

/// <summary>
/// Where the Python model toolchain (<c>src/export</c>, package <c>lpexport</c>) and Debian's Python are.
/// The build copies <c>lpexport</c> next to the program (<c>toolchain/</c>), so a published pedal finds it
/// too; a checkout also finds <c>src/export</c> above the working directory.
/// <c>LATENTPLAYGROUND_TOOLCHAIN</c> and <c>LATENTPLAYGROUND_PYTHON</c> override both.
/// Thread: any.
/// </summary>
public static class Toolchain
{
    /// <summary>Debian's interpreter: another python3 earlier on PATH may lack python3-torch.</summary>
    public static string Python => Environment.GetEnvironmentVariable("LATENTPLAYGROUND_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>The folder holding <c>lpexport/</c> with <paramref name="module"/> in it, or null.</summary>
    public static string? Find(string module)
    {
        string relative = Path.Combine("lpexport", module.Replace('.', Path.DirectorySeparatorChar) + ".py");
        if (Environment.GetEnvironmentVariable("LATENTPLAYGROUND_TOOLCHAIN") is { Length: > 0 } forced)
        {
            return File.Exists(Path.Combine(forced, relative)) ? forced : null;
        }

        foreach (string origin in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(origin); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "src", "export");
                if (File.Exists(Path.Combine(candidate, relative)))
                {
                    return candidate;
                }
            }
        }

        string bundled = Path.Combine(AppContext.BaseDirectory, "toolchain");
        return File.Exists(Path.Combine(bundled, relative)) ? bundled : null;
    }
}
