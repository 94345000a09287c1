using System.Text.Json;

namespace LatentPlayground.Tests;

/// <summary><c>bench</c> on the bundled model: the figures a user quotes come out, and the hop path allocates nothing.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void JsonHasBothPrecisionsWithZeroBytesPerHopAndTheEngineAlone()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--seconds", "1", "--no-torch", "--json");
        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement runs = doc.RootElement.GetProperty("runs");
        foreach (string precision in new[] { "fp32", "int8" })
        {
            JsonElement run = runs.GetProperty(precision);
            foreach (string part in new[] { "model_only", "engine" })
            {
                JsonElement t = run.GetProperty(part);
                Assert.Equal(0, t.GetProperty("bytes_per_hop").GetDouble());
                Assert.True(t.GetProperty("median_us").GetDouble() > 0);
                Assert.True(t.GetProperty("hops").GetInt32() >= 20);
            }

            Assert.True(run.GetProperty("engine_overhead_percent_direct").GetDouble() > 0);
        }

        JsonElement alone = doc.RootElement.GetProperty("engine_alone");
        Assert.Equal(0, alone.GetProperty("bytes_per_hop").GetDouble());
        Assert.Equal("skipped: --no-torch", doc.RootElement.GetProperty("torch_note").GetString());
    }

    [Fact]
    public void SecondsOutOfRangeIsOneLineAndExitCodeTwo()
    {
        (int code, _, string error) = CliRunner.Run("bench", "--seconds", "0", "--no-torch");
        Assert.Equal(2, code);
        Assert.Contains("--seconds", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
