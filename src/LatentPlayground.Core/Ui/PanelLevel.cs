namespace LatentPlayground.Core.Ui;

/// <summary>
/// What the encoder's turn moves: the page, the row cursor, or the selected row's value.
/// Push goes one level in, a long push one level out (from the page level, back to home).
/// </summary>
public enum PanelLevel
{
    Page,
    Row,
    Edit,
}
