namespace LatentPlayground.Midi.Mapping;

/// <summary>What a Control Change number is bound to.</summary>
public enum CcBindingKind
{
    None,

    /// <summary>A parameter of the parameter table.</summary>
    Parameter,

    /// <summary>A footswitch action, by name.</summary>
    Action,
}
