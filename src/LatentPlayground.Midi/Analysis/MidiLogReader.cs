using System.Globalization;

namespace LatentPlayground.Midi.Analysis;

/// <summary>
/// Reads a MIDI monitor log: one message per line as <c>SECONDS HEXBYTES</c>, e.g. <c>12.000417 F8</c> or
/// <c>3.5 F2 10 00</c> (bytes may also run together: <c>F21000</c>). Blank lines are skipped, and <c>#</c>
/// starts a comment that runs to the end of the line. Times must not go backwards. The first bad line stops the
/// reading with a <see cref="MidiLogFormatException"/> naming the source and line.
/// Thread: the caller's (offline tool).
/// </summary>
public static class MidiLogReader
{
    private static readonly char[] Separators = [' ', '\t'];

    /// <summary>Reads lines lazily; <paramref name="source"/> names the log in messages. Thread: the caller's.</summary>
    /// <exception cref="MidiLogFormatException">A line that is not <c>SECONDS HEXBYTES</c>.</exception>
    public static IEnumerable<MidiLogLine> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return ReadLines(reader, source);
    }

    /// <summary>Parses one line; false for a blank or comment-only line. Thread: any.</summary>
    /// <exception cref="MidiLogFormatException">A line that is not <c>SECONDS HEXBYTES</c>.</exception>
    public static bool TryParseLine(string text, int lineNumber, string source, out MidiLogLine line)
    {
        ArgumentNullException.ThrowIfNull(text);
        line = default;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string content = (hash >= 0 ? text[..hash] : text).Trim();
        if (content.Length == 0)
        {
            return false;
        }

        string[] fields = content.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double time) || !double.IsFinite(time))
        {
            throw Bad(source, lineNumber, $"'{fields[0]}' is not a time in seconds (expected e.g. '12.000417 F8')");
        }

        if (fields.Length == 1)
        {
            throw Bad(source, lineNumber, "no MIDI bytes after the time (expected e.g. '12.000417 F8')");
        }

        var bytes = new List<byte>(fields.Length);
        for (int f = 1; f < fields.Length; f++)
        {
            string field = fields[f];
            if (field.Length % 2 != 0)
            {
                throw Bad(source, lineNumber, $"'{field}' is not hex bytes (two hex digits per byte)");
            }

            for (int i = 0; i < field.Length; i += 2)
            {
                if (!byte.TryParse(field.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                {
                    throw Bad(source, lineNumber, $"'{field}' is not hex bytes (two hex digits per byte)");
                }

                bytes.Add(b);
            }
        }

        line = new MidiLogLine(lineNumber, time, [.. bytes]);
        return true;
    }

    private static IEnumerable<MidiLogLine> ReadLines(TextReader reader, string source)
    {
        double previous = double.NegativeInfinity;
        int number = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            number++;
            if (!TryParseLine(text, number, source, out MidiLogLine line))
            {
                continue;
            }

            if (line.Time < previous)
            {
                string t = line.Time.ToString("R", CultureInfo.InvariantCulture);
                string p = previous.ToString("R", CultureInfo.InvariantCulture);
                throw Bad(source, number, $"time {t} goes back before the previous line's {p}");
            }

            previous = line.Time;
            yield return line;
        }
    }

    private static MidiLogFormatException Bad(string source, int line, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}:{line}: {problem}"));
}
