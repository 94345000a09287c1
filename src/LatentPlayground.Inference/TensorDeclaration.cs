namespace LatentPlayground.Inference;

/// <summary>A graph input or output as model.json declares it: its name and the shape one hop uses.</summary>
public sealed record TensorDeclaration(string Name, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name} {ShapeText.Format(Shape)}";
}

/// <summary>Shapes as a user reads them in messages and in <c>model info</c>: [1, 16, 23].</summary>
public static class ShapeText
{
    public static string Format(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
