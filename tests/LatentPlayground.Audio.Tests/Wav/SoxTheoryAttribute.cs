namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>A test against SoX, skipped only when SoX is not installed.</summary>
internal sealed class SoxTheoryAttribute : TheoryAttribute
{
    public SoxTheoryAttribute()
    {
        if (Sox.Executable is null)
        {
            Skip = "sox is not installed (apt-get install sox)";
        }
    }
}
