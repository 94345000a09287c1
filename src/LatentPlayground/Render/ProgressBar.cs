namespace LatentPlayground.Render;

/// <summary>
/// A one-line progress bar on standard error, drawn only when standard error is a terminal, so logs
/// and pipes never fill with carriage returns.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 40;
    private readonly TextWriter _writer;
    private readonly string _label;
    private int _lastPercent = -1;

    private ProgressBar(TextWriter writer, string label)
    {
        _writer = writer;
        _label = label;
    }

    /// <summary>A bar on the terminal, or null when standard error is redirected.</summary>
    public static ProgressBar? ForTerminal(TextWriter stderr, string label) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? new ProgressBar(stderr, label) : null;

    public void Report(double fraction)
    {
        int percent = (int)Math.Clamp(fraction * 100, 0, 100);
        if (percent == _lastPercent)
        {
            return;
        }

        _lastPercent = percent;
        int filled = percent * Width / 100;
        _writer.Write($"\r{_label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
        if (percent == 100)
        {
            _writer.WriteLine();
        }
    }
}
