using System.Diagnostics;

namespace LatentPlayground.Tests.Import;

/// <summary>
/// What cannot be converted gets one line naming the file and the problem, exit code 2, and no package:
/// nothing at the destination and no hidden work folder beside it.
/// </summary>
[Collection(RaveFixtureCollection.Name)]
public sealed class ModelImportBadInputTests : IDisposable
{
    private static readonly Lazy<string> BadFiles = new(MakeBadFiles);
    private readonly string _out = Directory.CreateTempSubdirectory("lp-import-bad-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [RaveFixtureTheory]
    [InlineData("not_rave.ts", "not a RAVE model")]
    [InlineData("stereo.ts", "unsupported: n_channels = 2")]
    [InlineData("unknown_layer.ts", "unsupported: layer GRU")]
    [InlineData("truncated.ts", "not a TorchScript file")]
    [InlineData("garbage.ts", "not a TorchScript file")]
    [InlineData("empty.ts", "not a TorchScript file")]
    public void A_file_that_cannot_be_converted_gives_one_line_exit_2_and_no_package(string file, string expected)
    {
        string source = Path.Combine(BadFiles.Value, file);
        AssertRefused(source, expected);
    }

    [RaveFixtureFact]
    public void An_offline_export_is_refused_with_what_to_do_instead()
    {
        AssertRefused(Path.Combine(RaveFixtures.Folder("v2_causal_c8"), "v2_causal_c8.ts"), "rave export --streaming");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        AssertRefused(Path.Combine(_out, "nothing.ts"), "no such file");
    }

    [Fact]
    public void An_existing_folder_with_files_is_never_overwritten()
    {
        string target = Path.Combine(_out, "taken");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "mine");
        var (code, _, error) = CliRunner.Run("model", "import", Path.Combine(_out, "any.ts"), "--out", target);
        Assert.Equal(2, code);
        Assert.Contains("already exists and is not an empty folder", error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "keep.txt")));
    }

    [Fact]
    public void Empty_paths_are_refused()
    {
        Assert.Equal(2, CliRunner.Run("model", "import", "", "--out", Path.Combine(_out, "x")).Code);
        Assert.Equal(2, CliRunner.Run("model", "import", "model.ts", "--out", "").Code);
    }

    private void AssertRefused(string source, string expected)
    {
        string target = Path.Combine(_out, "package");
        var (code, output, error) = CliRunner.Run("model", "import", source, "--out", target);
        Assert.Equal(2, code);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        string last = lines[0];
        Assert.Contains(expected, last, StringComparison.Ordinal);
        Assert.StartsWith("latentplayground: ", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_out, ".import-*"));
    }

    private static string MakeBadFiles()
    {
        string folder = Directory.CreateTempSubdirectory("lp-import-badfiles-").FullName;
        string toolchain = Models.Toolchain.Find("rave.badfiles") ?? throw new InvalidOperationException("lpexport.rave.badfiles not found");
        var info = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = toolchain, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "-m", "lpexport.rave.badfiles", RaveFixtures.StreamingFile("v2_causal_c8"), folder })
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        return folder;
    }
}
