using System.Globalization;
using LatentPlayground.Core.Json;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Xy;

/// <summary>
/// XY mappings as JSON text:
/// <code>
/// { "schema": 1, "groups": ["offset", "seed"], "dimensions": 8,
///   "points": [ { "x": 0.1, "y": 0.8, "values": { "offset.1": 1.5, "seed.1": 42, ... } } ],
///   "network": { "hidden": 16, "seed": 0, "loss": 0.00002, "weights": [ ... ] } }
/// </code>
/// A point names every mapped parameter by its table name; "network" is left out until trained. Pure text in and
/// out. Thread: any (no state).
/// </summary>
public static class XyMappingJson
{
    public const int Schema = 1;

    private static readonly (XyGroups Group, string Name)[] GroupNames =
        [(XyGroups.Seed, "seed"), (XyGroups.Scale, "scale"), (XyGroups.Offset, "offset"), (XyGroups.Time, "time")];

    /// <summary>Parses a mapping; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="XyFormatException">Anything wrong, in one line naming the field.</exception>
    public static XyMapping Parse(string json, string source)
    {
        var errors = new XyMappingErrors(source);
        XyMappingContract file = JsonFile.Read(json, XyMappingContext.Default.XyMappingContract, errors);
        int schema = errors.Required(file.Schema, "schema");
        if (schema != Schema)
        {
            throw errors.Bad("schema", string.Create(CultureInfo.InvariantCulture, $"{schema} is not a schema this firmware reads ({Schema})"));
        }

        XyGroups groups = XyGroups.None;
        List<string> names = errors.Required(file.Groups, "groups");
        for (int i = 0; i < names.Count; i++)
        {
            int found = Array.FindIndex(GroupNames, g => g.Name == names[i]);
            if (found < 0)
            {
                throw errors.Bad(string.Create(CultureInfo.InvariantCulture, $"groups[{i}]"), $"\"{names[i]}\" is not a group (seed, scale, offset, time)");
            }

            groups |= GroupNames[found].Group;
        }

        if (groups == XyGroups.None)
        {
            throw errors.Bad("groups", "must name at least one group (seed, scale, offset, time)");
        }

        int dimensions = errors.InRange(file.Dimensions ?? DimensionParameters.Count, 1, DimensionParameters.Count, "dimensions");
        var mapping = new XyMapping(groups, dimensions);
        List<XyPointContract> points = file.Points ?? [];
        if (points.Count > XyMapping.MaxPoints)
        {
            throw errors.Bad("points", string.Create(CultureInfo.InvariantCulture, $"{points.Count} points; a mapping holds at most {XyMapping.MaxPoints}"));
        }

        for (int i = 0; i < points.Count; i++)
        {
            string field = string.Create(CultureInfo.InvariantCulture, $"points[{i}]");
            double x = Unit(errors.Required(points[i].X, field + ".x"), field + ".x", errors);
            double y = Unit(errors.Required(points[i].Y, field + ".y"), field + ".y", errors);
            Dictionary<string, double> values = errors.Required(points[i].Values, field + ".values");
            var ordered = new double[mapping.Parameters.Count];
            for (int p = 0; p < ordered.Length; p++)
            {
                string name = ParameterTable.Get(mapping.Parameters[p]).Name;
                if (!values.TryGetValue(name, out ordered[p]))
                {
                    throw errors.Bad($"{field}.values", $"{name} is missing (a point holds every mapped parameter: {string.Join(", ", mapping.Parameters.Select(id => ParameterTable.Get(id).Name))})");
                }
            }

            foreach (string name in values.Keys)
            {
                if (!mapping.Parameters.Any(id => ParameterTable.Get(id).Name == name))
                {
                    throw errors.Bad($"{field}.values.{name}", "is not a parameter this mapping drives");
                }
            }

            mapping.Add(new XyMapPoint(x, y, ordered));
        }

        if (file.Network is XyNetworkContract net)
        {
            int hidden = errors.InRange(errors.Required(net.Hidden, "network.hidden"), 1, 256, "network.hidden");
            List<double> weights = errors.Required(net.Weights, "network.weights");
            try
            {
                mapping.Adopt(XyNetwork.FromWeights(mapping.Parameters.Count, hidden, net.Seed ?? 0, weights.ToArray()), net.Loss);
            }
            catch (ArgumentException e)
            {
                throw errors.Bad("network.weights", e.Message.Split(" (Parameter")[0]);
            }
        }

        return mapping;
    }

    /// <summary>The mapping as JSON text.</summary>
    public static string Serialize(XyMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var file = new XyMappingContract(
            Schema,
            [.. GroupNames.Where(g => mapping.Groups.HasFlag(g.Group)).Select(g => g.Name)],
            mapping.Dimensions,
            [.. mapping.Points.Select(p => new XyPointContract(p.X, p.Y, mapping.Parameters.Select((id, i) => (ParameterTable.Get(id).Name, p.Values[i])).ToDictionary(kv => kv.Name, kv => kv.Item2)))],
            mapping.Network is XyNetwork n ? new XyNetworkContract(n.Hidden, n.Seed, mapping.Loss, [.. n.Weights.ToArray()]) : null);
        return System.Text.Json.JsonSerializer.Serialize(file, XyMappingContext.Default.XyMappingContract) + "\n";
    }

    private static double Unit(double value, string field, XyMappingErrors errors) =>
        value is >= 0 and <= 1 ? value : throw errors.Bad(field, string.Create(CultureInfo.InvariantCulture, $"{value} is outside 0..1"));
}
