using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// One parameter change on its way to the real-time side: a small plain struct, passed by value through
/// a single-producer single-consumer queue. Actions (trigger) travel the same way with value 1.
/// </summary>
public readonly record struct ParameterChange(ParameterId Id, double Value);
