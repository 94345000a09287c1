using System.Runtime.Versioning;

namespace LatentPlayground.Audio.Tests.Wav;

/// <summary>
/// A test that needs file permissions to be enforced: skipped where they are not, as for root or any
/// process allowed to override them. Probed, not guessed from the user name.
/// </summary>
internal sealed class EnforcedPermissionsFactAttribute : FactAttribute
{
    public EnforcedPermissionsFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !PermissionsAreEnforced())
        {
            Skip = "file permissions are not enforced for this user (root?)";
        }
    }

    [SupportedOSPlatform("linux")]
    private static bool PermissionsAreEnforced()
    {
        using var folder = new TempFolder();
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllBytes(folder.File("probe"), []);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        finally
        {
            File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
