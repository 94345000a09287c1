namespace LatentPlayground.State;

/// <summary>
/// What a write of <see cref="PersistenceWriter"/> came to, for the control thread to tell: a line for the log
/// (a notice when <paramref name="Ok"/>, else a warning) and, for the display, a short notice or null.
/// </summary>
public readonly record struct PersistenceReport(bool Ok, string Line, string? Display);
