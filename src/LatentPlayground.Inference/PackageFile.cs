namespace LatentPlayground.Inference;

/// <summary>A file in a package folder and its size, for <c>model info</c> and the size budget.</summary>
public sealed record PackageFile(string Name, long Bytes);
