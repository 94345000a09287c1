namespace LatentPlayground;

/// <summary>The program's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed while running: an output could not be written, a device failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad input from the user: wrong arguments, a bad file, a bad model, an out-of-range value.</summary>
    public const int Usage = 2;
}
