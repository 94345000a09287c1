using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Midi.Mapping;

/// <summary>What one Control Change number drives: nothing, a parameter, or a footswitch action by name.</summary>
/// <param name="Kind">Which of the three.</param>
/// <param name="Parameter">The parameter, when <paramref name="Kind"/> is <see cref="CcBindingKind.Parameter"/>.</param>
/// <param name="Action">The action name, when <paramref name="Kind"/> is <see cref="CcBindingKind.Action"/>.</param>
public readonly record struct CcBinding(CcBindingKind Kind, ParameterId Parameter, string? Action)
{
    /// <summary>Drives nothing. Thread: any.</summary>
    public static CcBinding None => default;

    /// <summary>Binds a parameter. Thread: any.</summary>
    public static CcBinding ForParameter(ParameterId id) => new(CcBindingKind.Parameter, id, null);

    /// <summary>Binds an action; the name must pass <see cref="FootswitchActionName.IsValid"/>. Thread: any.</summary>
    public static CcBinding ForAction(string name)
    {
        if (!FootswitchActionName.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not an action name ({FootswitchActionName.Rule})", nameof(name));
        }

        return new(CcBindingKind.Action, default, name);
    }

    /// <summary>What the settings page shows: the parameter's name, "action NAME", or "-". Thread: any.</summary>
    public string Describe() => Kind switch
    {
        CcBindingKind.Parameter => ParameterTable.Get(Parameter).Name,
        CcBindingKind.Action => $"action {Action}",
        _ => "-",
    };
}
