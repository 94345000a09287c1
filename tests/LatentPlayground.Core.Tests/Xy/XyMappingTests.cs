using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Xy;

namespace LatentPlayground.Core.Tests.Xy;

/// <summary>
/// The XY mapping: the chosen groups decide the parameters, only the model's existing dimensions are mapped, ADD,
/// UPDATE, DELETE and RESET keep the points (and drop a network trained on others), PREDICT passes near the points
/// with seeds and note values snapped to valid ones, and a mapping survives a JSON round trip; a malformed file
/// names its field.
/// </summary>
public sealed class XyMappingTests
{
    [Fact]
    public void Groups_choose_the_parameters_and_only_existing_dimensions_are_mapped()
    {
        var four = new XyMapping(XyGroups.Offset | XyGroups.Seed, dimensions: 4);
        Assert.Equal(8, four.Parameters.Count);
        Assert.Contains(ParameterId.Offset4, four.Parameters);
        Assert.DoesNotContain(ParameterId.Offset5, four.Parameters);
        Assert.Equal([ParameterId.Scale], new XyMapping(XyGroups.Scale).Parameters);
        Assert.Equal(8 * 2, new XyMapping(XyGroups.Time).Parameters.Count);
        Assert.Throws<ArgumentException>(() => new XyMapping(XyGroups.None));
    }

    [Fact]
    public void Add_update_delete_and_reset_keep_the_points_and_drop_a_stale_network()
    {
        var mapping = new XyMapping(XyGroups.Offset, dimensions: 2);
        var sound = new ParameterSet();
        Assert.Null(sound.TrySetFromText("offset.1=1.5"));
        mapping.Add(0.1, 0.2, sound);
        Assert.Null(sound.TrySetFromText("offset.1=-2"));
        mapping.Add(0.9, 0.8, sound);
        XyTrainingResult trained = mapping.Train(epochs: 200);
        mapping.Adopt(trained.Network, trained.FinalLoss);
        Assert.NotNull(mapping.Network);

        mapping.Update(1, 0.7, 0.7, sound);
        Assert.Null(mapping.Network); // trained on points that changed
        Assert.Equal((0.7, 0.7, -2.0), (mapping.Points[1].X, mapping.Points[1].Y, mapping.Points[1].Values[0]));
        mapping.Delete(0);
        Assert.Single(mapping.Points);
        mapping.Reset();
        Assert.Empty(mapping.Points);
        Assert.Throws<InvalidOperationException>(() => mapping.Train());
    }

    [Fact]
    public void Predict_passes_near_the_points_and_snaps_seeds_and_note_values()
    {
        var mapping = new XyMapping(XyGroups.Offset | XyGroups.Seed | XyGroups.Time, dimensions: 2);
        var random = new Random(3);
        for (int k = 0; k < 8; k++)
        {
            var sound = new ParameterSet();
            Assert.Null(sound.TrySetFromText($"offset.1={(random.NextDouble() * 4) - 2:0.000}"));
            Assert.Null(sound.TrySetFromText($"seed.2={random.Next(0, 9999)}"));
            Assert.Null(sound.TrySetFromText($"time.1={ParameterTable.Get(ParameterId.Time1).Format(random.Next(0, 10))}"));
            mapping.Add(random.NextDouble(), random.NextDouble(), sound);
        }

        XyTrainingResult trained = mapping.Train(seed: 1, epochs: 4000);
        mapping.Adopt(trained.Network, trained.FinalLoss);
        var values = new double[mapping.Parameters.Count];
        int offset1 = Index(mapping, ParameterId.Offset1), seed2 = Index(mapping, ParameterId.Seed2), time1 = Index(mapping, ParameterId.Time1);
        foreach (XyMapPoint p in mapping.Points)
        {
            Assert.True(mapping.Predict(p.X, p.Y, values));
            Assert.InRange(values[offset1], p.Values[offset1] - 0.2, p.Values[offset1] + 0.2);
            Assert.Equal(Math.Round(values[seed2]), values[seed2]); // a whole seed
            Assert.Equal(Math.Round(values[time1]), values[time1]); // a note value of the list
        }

        Assert.True(mapping.Predict(0.5, 0.5, values));
        Assert.All(values.Select((v, i) => (v, d: ParameterTable.Get(mapping.Parameters[i]))), t => Assert.InRange(t.v, t.d.Min, t.d.Max));
    }

    [Fact]
    public void A_mapping_survives_a_JSON_round_trip_with_its_network()
    {
        var mapping = new XyMapping(XyGroups.Offset | XyGroups.Scale, dimensions: 3);
        var sound = new ParameterSet();
        mapping.Add(0.2, 0.3, sound);
        Assert.Null(sound.TrySetFromText("offset.3=2"));
        mapping.Add(0.6, 0.9, sound);
        XyTrainingResult trained = mapping.Train(seed: 4, epochs: 300);
        mapping.Adopt(trained.Network, trained.FinalLoss);

        XyMapping again = XyMappingJson.Parse(XyMappingJson.Serialize(mapping), "map.json");
        Assert.Equal(mapping.Parameters, again.Parameters);
        Assert.Equal(mapping.Points.Select(p => (p.X, p.Y, string.Join(",", p.Values))), again.Points.Select(p => (p.X, p.Y, string.Join(",", p.Values))));
        Assert.Equal(mapping.Network!.Weights.ToArray(), again.Network!.Weights.ToArray());
        Assert.Equal(mapping.Loss, again.Loss);
    }

    [Theory]
    [InlineData("""{ "schema": 1, "groups": ["offset", "tempo"] }""", "map.json: groups[1]: \"tempo\" is not a group")]
    [InlineData("""{ "schema": 1, "groups": [] }""", "map.json: groups: must name at least one group")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "points": [ { "x": 1.5, "y": 0, "values": { "scale": 1 } } ] }""", "map.json: points[0].x: 1.5 is outside 0..1")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "points": [ { "x": 0.5, "y": 0, "values": { } } ] }""", "map.json: points[0].values: scale is missing")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "points": [ { "x": 0.5, "y": 0, "values": { "scale": 1, "speed": 2 } } ] }""", "map.json: points[0].values.speed: is not a parameter this mapping drives")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "network": { "hidden": 16, "weights": [1, 2] } }""", "map.json: network.weights: ")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "dimensions": 9 }""", "map.json: dimensions: ")]
    [InlineData("""{ "schema": 1, "groups": ["scale"], "colour": "red" }""", "map.json: colour: is not an XY mapping field")]
    [InlineData("""{ "groups": ["scale"] }""", "map.json: schema: ")]
    public void A_malformed_mapping_is_one_line_naming_the_field(string json, string expected)
    {
        var e = Assert.Throws<XyFormatException>(() => XyMappingJson.Parse(json, "map.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static int Index(XyMapping mapping, ParameterId id) => mapping.Parameters.ToList().IndexOf(id);
}
