using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Render;

/// <summary>
/// XY predict in a render: the trained <paramref name="Mapping"/> drives its parameters from the XY position, which
/// stays where the settings put it (<c>xy.x</c>, <c>xy.y</c>) or follows <paramref name="Path"/>.
/// </summary>
public sealed record RenderXy(XyMapping Mapping, XyPath? Path);
