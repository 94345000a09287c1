namespace LatentPlayground.Core.Parameters;

/// <summary>How a parameter's value is interpreted.</summary>
public enum ParameterKind
{
    /// <summary>A real value in [Min, Max].</summary>
    Continuous,

    /// <summary>A whole number in [Min, Max].</summary>
    Whole,

    /// <summary>Off (0) or on (1).</summary>
    Toggle,

    /// <summary>An index into <see cref="ParameterDescriptor.Choices"/>.</summary>
    Choice,

    /// <summary>A momentary button: setting it fires the action; it holds no state.</summary>
    Action,
}
