using System.Text.Json.Serialization;

namespace LatentPlayground.Core.Xy;

/// <summary>An XY mapping file as it is written (<see cref="XyMappingJson"/> checks the values).</summary>
internal sealed record XyMappingContract(int? Schema, List<string>? Groups, int? Dimensions, List<XyPointContract>? Points, XyNetworkContract? Network);

internal sealed record XyPointContract(double? X, double? Y, Dictionary<string, double>? Values);

internal sealed record XyNetworkContract(int? Hidden, uint? Seed, double? Loss, List<double>? Weights);

/// <summary>The generated reader and writer of XY mappings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(XyMappingContract))]
internal sealed partial class XyMappingContext : JsonSerializerContext;

/// <summary>An XY mapping's problems, one line each. Thread: the reading thread.</summary>
internal sealed class XyMappingErrors(string source) : Json.FieldErrors(source)
{
    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, $"is not an XY mapping field ({string.Join(", ", fields)})");

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new XyFormatException(message) : new XyFormatException(message, inner);
}

/// <summary>An XY mapping file that cannot be used, with one line naming the file, the field and the problem.</summary>
public sealed class XyFormatException : Exception
{
    public XyFormatException()
    {
    }

    public XyFormatException(string message)
        : base(message)
    {
    }

    public XyFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
