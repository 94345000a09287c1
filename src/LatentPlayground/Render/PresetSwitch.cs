using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Render;

/// <summary>A preset recall at <paramref name="Seconds"/> into the input, to <paramref name="Parameters"/>; <paramref name="Name"/> for messages.</summary>
public sealed record PresetSwitch(double Seconds, string Name, ParameterSet Parameters);
