namespace LatentPlayground.Core.Latents;

/// <summary>The reference's four patterns (see each one's class).</summary>
public enum LatentPattern
{
    /// <summary><see cref="FiboPattern"/>.</summary>
    Fibo,

    /// <summary><see cref="OralePattern"/>.</summary>
    Orale,

    /// <summary><see cref="BlenderPattern"/>: two arrays.</summary>
    Blender,

    /// <summary><see cref="SwapperPattern"/>: two arrays.</summary>
    Swapper,
}
