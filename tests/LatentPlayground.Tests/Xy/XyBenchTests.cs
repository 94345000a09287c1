using System.Text.Json;

namespace LatentPlayground.Tests.Xy;

/// <summary><c>bench</c> sets one XY prediction of a full mapping against one engine hop, measured in the same run.</summary>
public sealed class XyBenchTests
{
    [Fact]
    public void Bench_reports_a_prediction_against_an_engine_hop()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--seconds", "1", "--no-torch", "--json");
        Assert.True(code == 0, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement xy = doc.RootElement.GetProperty("xy_predict");
        Assert.Equal(33, xy.GetProperty("outputs").GetInt32());
        Assert.Equal(16, xy.GetProperty("hidden").GetInt32());
        Assert.Equal("onnxruntime int8 engine", xy.GetProperty("engine").GetString());
        Assert.Equal(0, xy.GetProperty("bytes_per_call").GetDouble());
        double predict = xy.GetProperty("median_us").GetDouble(), hop = xy.GetProperty("engine_hop_median_us").GetDouble();
        Assert.True(predict > 0 && hop > 0, $"{predict} us, {hop} us");
        Assert.Equal(predict / hop, xy.GetProperty("share_of_hop").GetDouble(), 4);

        // Cheap enough for every latent frame: a few percent of a hop would already be a warning.
        Assert.True(predict / hop < 0.05, $"a prediction is {100 * predict / hop:0.0}% of an engine hop");
    }

    [Fact]
    public void The_table_has_the_line()
    {
        (int code, string output, string error) = CliRunner.Run("bench", "--seconds", "1", "--no-torch");
        Assert.True(code == 0, error);
        Assert.Contains("xy predict (33 outputs, 16 hidden units, trained): ", output, StringComparison.Ordinal);
        Assert.Contains("% of one onnxruntime int8 engine hop", output, StringComparison.Ordinal);
    }
}
