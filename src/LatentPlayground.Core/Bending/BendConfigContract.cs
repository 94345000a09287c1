using System.Text.Json.Serialization;

namespace LatentPlayground.Core.Bending;

/// <summary>A bend configuration file as it is written (<see cref="BendConfigJson"/> checks the values).</summary>
internal sealed record BendConfigContract(int? Schema, string? Model, string? Weights, List<BendLayerContract>? Layers, List<BendStepContract>? Steps);

internal sealed record BendLayerContract(string? Name, List<long>? Shape, long? Offset);

internal sealed record BendStepContract(string? Layer, string? Op, double? Scale, double? Chaos, double? Amount, string? Distribution, uint? Seed);

/// <summary>The generated reader and writer of bend configurations.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(BendConfigContract))]
internal sealed partial class BendConfigContext : JsonSerializerContext;

/// <summary>A bend configuration's problems, one line each. Thread: the reading thread.</summary>
internal sealed class BendConfigErrors(string source) : Json.FieldErrors(source)
{
    public override Exception UnknownField(string field, Type owner, IReadOnlyList<string> fields) =>
        Bad(field, $"is not a bend configuration field ({string.Join(", ", fields)})");

    protected override Exception Create(string message, Exception? inner = null) =>
        inner is null ? new BendFormatException(message) : new BendFormatException(message, inner);
}
