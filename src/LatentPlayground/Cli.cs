using System.CommandLine;
using LatentPlayground.Commands;
using LatentPlayground.Render;

namespace LatentPlayground;

/// <summary>
/// The command line: builds the command tree and turns every failure into one line and an exit code.
/// Thread: main only.
/// </summary>
public static class Cli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, ICodecSource? codecs = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var root = new RootCommand("LatentPlayground: a neural-network effects pedal. Offline tools and the live engine.");
        var context = new CommandContext(stdout, stderr);
        root.Subcommands.Add(ModulateCommand.Create(context));
        root.Subcommands.Add(ParamsCommand.Create(context));
        root.Subcommands.Add(RenderCommand.Create(context, codecs ?? new OnnxCodecSource()));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(ModelInfoCommand.Create(context));
        root.Subcommands.Add(MidiCommand.Create(context));
        root.Subcommands.Add(PresetCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context, codecs ?? new OnnxCodecSource()));
        root.Subcommands.Add(DisplayCommand.Create(context, codecs ?? new OnnxCodecSource()));
        root.Subcommands.Add(BendCommand.Create(context));
        root.Subcommands.Add(XyCommand.Create(context));
        root.Subcommands.Add(LatentsCommand.Create(context, codecs ?? new OnnxCodecSource()));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine spreads some messages over several lines; a user gets one.
            string message = string.Join(" ", parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            stderr.WriteLine($"latentplayground: {message} (see --help)");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or Files.InputFileException)
        {
            stderr.WriteLine($"latentplayground: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"latentplayground: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not bad input: still one line, never a stack trace; the type tells a report where to look.
            stderr.WriteLine($"latentplayground: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    // A message built from a file's content or a system error may hold line breaks; a user gets one line.
    // Control characters (from a binary file quoted in a message) would garble a terminal: each becomes '?'.
    private static string OneLine(string message) =>
        string.Create(message.Length, message, static (span, m) =>
        {
            for (int i = 0; i < m.Length; i++)
            {
                span[i] = m[i] is '\n' or '\r' or '\t' ? ' ' : char.IsControl(m[i]) || m[i] == '\uFFFD' ? '?' : m[i];
            }
        }).Trim();
}
