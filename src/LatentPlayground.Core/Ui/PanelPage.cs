namespace LatentPlayground.Core.Ui;

/// <summary>The display's pages, in the order the encoder steps through them.</summary>
public enum PanelPage
{
    Home,
    Modulators,
    Offsets,
    Bending,
    Xy,
    Loop,
    Settings,
}

/// <summary>Page names as the controls map and the <c>display --page</c> command spell them.</summary>
public static class PanelPages
{
    public const int Count = 7;

    private static readonly string[] Names = ["home", "modulators", "offsets", "bending", "xy", "loop", "settings"];
    private static readonly string[] Titles = ["HOME", "MODULATORS", "OFFSETS", "BENDING", "XY", "LOOP", "SETTINGS"];

    /// <summary>All page names, in encoder order.</summary>
    public static IReadOnlyList<string> All => Names;

    public static string Name(PanelPage page) => Names[(int)page];

    /// <summary>The upper-case title the page's header shows.</summary>
    public static string Title(PanelPage page) => Titles[(int)page];

    public static bool TryParse(string name, out PanelPage page)
    {
        int i = Array.FindIndex(Names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        page = i < 0 ? PanelPage.Home : (PanelPage)i;
        return i >= 0;
    }
}
