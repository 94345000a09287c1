namespace LatentPlayground.Inference;

/// <summary>Which pair of graphs of a package a codec runs.</summary>
public enum ModelPrecision
{
    /// <summary>The float graphs (<c>encoder.onnx</c>, <c>decoder.onnx</c>): always present, and the ones bending edits.</summary>
    Fp32,

#pragma warning disable CA1720 // "int8" names the quantisation a user chooses, not a C# type.
    /// <summary>The quantised graphs (<c>encoder.int8.onnx</c>, <c>decoder.int8.onnx</c>), when the package has them.</summary>
    Int8,
#pragma warning restore CA1720
}
