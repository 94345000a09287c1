namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// The README's promise against every case of <see cref="HostileCases"/>: the command ends (no FIFO or /dev/zero
/// holds it), with the exit code the contract allows, one line on stderr that starts with the program's name and
/// holds no stack trace, nothing on stdout when it fails, nothing left in its output folder when it fails (no
/// temporary file), and every file of the world, and /dev/null, exactly as before.
/// </summary>
[Collection(LatentPlayground.Tests.Live.LiveTestCollection.Name)]
public sealed class HostileInputTests(HostileWorld world, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<HostileWorld>
{
    public static TheoryData<string> Names() => [.. HostileCases.All.Keys];

    [Fact]
    public void The_catalogue_has_at_least_200_cases() => Assert.True(HostileCases.All.Count >= 200, $"{HostileCases.All.Count} cases");

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Keeps_the_contract(string name)
    {
        HostileCase c = HostileCases.All[name];
        string scratch = Directory.CreateTempSubdirectory("lp-hostile-case-").FullName;
        try
        {
            string[] args = c.Args(world, scratch);
            string before = world.Snapshot();
            string[] scratchBefore = Entries(scratch);

            var run = Task.Run(() => CliRunner.Run(args));
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120))) == run, $"{name}: did not end within 120 s");
            (int code, string stdout, string stderr) = await run;
            output.WriteLine($"exit {code}: {stderr.TrimEnd()}");

            Assert.True(c.Codes.Contains(code), $"{name}: exit code {code}, allowed {string.Join(" or ", c.Codes)}; stderr: {stderr}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("ALSA lib", stderr, StringComparison.Ordinal);
            if (code != 0)
            {
                string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(lines.Length == 1, $"{name}: {lines.Length} lines on stderr:\n{stderr}");
                Assert.StartsWith("latentplayground: ", lines[0], StringComparison.Ordinal);
                Assert.True(stdout.Length == 0, $"{name}: stdout on failure: {stdout}");
                Assert.Equal(scratchBefore, Entries(scratch));
            }
            else
            {
                Assert.DoesNotContain(Entries(scratch), e => Path.GetFileName(e).StartsWith('.'));
            }

            Assert.Equal(before, world.Snapshot());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    // Files and links under the folder, hidden ones included (a leftover temporary file starts with a dot).
    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal)];
}
