using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>What a navigator input asks the control side to do.</summary>
public enum PanelCommandKind
{
    None,

    /// <summary>Set <see cref="PanelCommand.Parameter"/> to <see cref="PanelCommand.Value"/>.</summary>
    SetParameter,

    /// <summary>Fire the action parameter <see cref="PanelCommand.Parameter"/> (trigger, reset).</summary>
    FireAction,

    /// <summary>Move <see cref="PanelCommand.Setting"/> by <see cref="PanelCommand.Step"/> (signed, accelerated).</summary>
    ChangeSetting,

    /// <summary>Push on <see cref="PanelCommand.Setting"/> (MIDI learn, expression calibration).</summary>
    PushSetting,

    /// <summary>
    /// The push that ends editing <see cref="PanelCommand.Setting"/>, for a setting whose turns only choose and the
    /// push acts (the model: turning shows the library's models, the push loads the one shown).
    /// </summary>
    CommitSetting,
}

/// <summary>One request from the display's navigator. A small plain struct.</summary>
public readonly record struct PanelCommand(PanelCommandKind Kind, ParameterId Parameter = default, double Value = 0, PanelSetting Setting = default, int Step = 0)
{
    public static PanelCommand None => default;
}
