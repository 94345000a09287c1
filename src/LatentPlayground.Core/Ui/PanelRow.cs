using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Core.Ui;

/// <summary>What a row of a list page stands for.</summary>
public enum PanelRowKind
{
    /// <summary>A parameter of the table: shown with its Format, edited in its units.</summary>
    Parameter,

    /// <summary>A pedal setting (<see cref="PanelSetting"/>).</summary>
    Setting,
}

/// <summary>One row of a list page. Plain data, built once; the renderer and navigator only read it.</summary>
public readonly record struct PanelRow(PanelRowKind Kind, ParameterId Parameter, PanelSetting Setting, string Label)
{
    public static PanelRow Of(ParameterId id) => new(PanelRowKind.Parameter, id, default, ParameterTable.Get(id).Label);

    public static PanelRow Of(PanelSetting setting, string label) => new(PanelRowKind.Setting, default, setting, label);
}
