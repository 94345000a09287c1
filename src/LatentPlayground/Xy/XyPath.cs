using System.Globalization;
using LatentPlayground.Files;

namespace LatentPlayground.Xy;

/// <summary>
/// A movement of the XY position over a render (<c>render --xy-path</c>): rows of <c>seconds,x[,y]</c>, seconds
/// rising, linear between rows, held before the first and after the last. Without a y column, y stays where the
/// render's settings put it. Thread: any (immutable once built); <see cref="At"/> allocates nothing, for the render's
/// per-hop code.
/// </summary>
public sealed class XyPath
{
    /// <summary>The largest file taken: about 300,000 rows, far beyond a ramp a person writes.</summary>
    public const long MaxBytes = 8L << 20;

    private readonly double[] _seconds;
    private readonly double[] _x;
    private readonly double[]? _y;

    private XyPath(double[] seconds, double[] x, double[]? y)
    {
        _seconds = seconds;
        _x = x;
        _y = y;
    }

    /// <summary>Rows in the path.</summary>
    public int Count => _seconds.Length;

    /// <summary>True when the rows give y too.</summary>
    public bool HasY => _y is not null;

    /// <summary>Reads a path file.</summary>
    /// <exception cref="UsageException">Anything wrong: one line naming the file, the line and the column.</exception>
    /// <exception cref="InputFileException">Not a readable regular file, or too large.</exception>
    public static XyPath Load(string path)
    {
        string text = InputFile.ReadAllText(path, MaxBytes, "XY path CSV");
        return Parse(text, path);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="UsageException">Anything wrong: one line naming the source, the line and the column.</exception>
    public static XyPath Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seconds = new List<double>();
        var xs = new List<double>();
        var ys = new List<double>();
        int columns = 0;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int number = i + 1;
            string[] fields = line.Split(',');
            // A first line with no number in it names the columns; a row with a typo in it is still a row.
            bool header = columns == 0 && !Array.Exists(fields, f => double.TryParse(f.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            if (fields.Length is < 2 or > 3)
            {
                throw Bad(source, number, null, string.Create(CultureInfo.InvariantCulture, $"{fields.Length} column{(fields.Length == 1 ? "" : "s")}; a row is seconds,x or seconds,x,y"));
            }

            if (columns != 0 && fields.Length != columns)
            {
                throw Bad(source, number, null, string.Create(CultureInfo.InvariantCulture, $"{fields.Length} columns where the lines above have {columns}"));
            }

            columns = fields.Length;
            if (header)
            {
                continue;
            }

            double t = Number(source, number, 1, fields[0], "seconds");
            if (t < 0)
            {
                throw Bad(source, number, 1, string.Create(CultureInfo.InvariantCulture, $"seconds {t} is before the start (0)"));
            }

            if (seconds.Count > 0 && t <= seconds[^1])
            {
                throw Bad(source, number, 1, string.Create(CultureInfo.InvariantCulture, $"seconds {t} is not after the row above's {seconds[^1]} (rows go forward in time)"));
            }

            seconds.Add(t);
            xs.Add(Unit(source, number, 2, fields[1], "x"));
            if (columns == 3)
            {
                ys.Add(Unit(source, number, 3, fields[2], "y"));
            }
        }

        if (seconds.Count == 0)
        {
            throw new UsageException($"{source}: no rows (a row is seconds,x or seconds,x,y)");
        }

        return new XyPath([.. seconds], [.. xs], columns == 3 ? [.. ys] : null);
    }

    /// <summary>
    /// The position at <paramref name="seconds"/> into the input; y is <paramref name="y"/> as given when the path has no
    /// y column. Allocation-free.
    /// </summary>
    public void At(double seconds, ref double x, ref double y)
    {
        double[] times = _seconds;
        if (seconds <= times[0])
        {
            x = _x[0];
            y = _y is null ? y : _y[0];
            return;
        }

        int last = times.Length - 1;
        if (seconds >= times[last])
        {
            x = _x[last];
            y = _y is null ? y : _y[last];
            return;
        }

        // The row at or before `seconds`: times[lo] <= seconds < times[lo + 1].
        int lo = 0, hi = last;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= seconds)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double f = (seconds - times[lo]) / (times[lo + 1] - times[lo]);
        x = _x[lo] + (f * (_x[lo + 1] - _x[lo]));
        if (_y is not null)
        {
            y = _y[lo] + (f * (_y[lo + 1] - _y[lo]));
        }
    }

    private static double Number(string source, int line, int column, string field, string what)
    {
        string text = field.Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw Bad(source, line, column, $"{what}: '{(text.Length > 24 ? text[..24] + "…" : text)}' is not a number");
        }

        return value;
    }

    private static double Unit(string source, int line, int column, string field, string what)
    {
        double value = Number(source, line, column, field, what);
        return value is >= 0 and <= 1
            ? value
            : throw Bad(source, line, column, string.Create(CultureInfo.InvariantCulture, $"{what} {value} is outside 0..1"));
    }

    private static UsageException Bad(string source, int line, int? column, string problem) =>
        new(column is int c
            ? string.Create(CultureInfo.InvariantCulture, $"{source}: line {line}, column {c}: {problem}")
            : string.Create(CultureInfo.InvariantCulture, $"{source}: line {line}: {problem}"));
}
