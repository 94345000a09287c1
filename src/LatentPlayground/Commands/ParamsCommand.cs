using System.CommandLine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Commands;

/// <summary><c>latentplayground params</c>: prints the parameter table, the names --set and presets use.</summary>
public static class ParamsCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("params", "List every parameter: name, range, unit, default and MIDI CC.");
        command.SetAction(_ =>
        {
            context.Out.WriteLine($"{"name",-12} {"range",-26} {"default",-10} {"cc",3}  description");
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                string range = d.Kind switch
                {
                    ParameterKind.Toggle => "off | on",
                    ParameterKind.Action => "action",
                    ParameterKind.Choice when d.Choices.Count > 6 => $"{d.Choices[0]} | {d.Choices[1]} | {d.Choices[2]} .. {d.Choices[^1]}",
                    ParameterKind.Choice => string.Join(" | ", d.Choices),
                    _ => $"{d.Format(d.Min)} .. {d.Format(d.Max)}",
                };
                context.Out.WriteLine($"{d.Name,-12} {range,-26} {d.Format(d.Default),-10} {d.DefaultCc,3}  {d.Description}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
