using System.Runtime.CompilerServices;
using System.Text;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Core.Tests.Ui;

/// <summary>
/// Golden framebuffers as text art ('#' lit, '.' dark), one file per picture in Ui/Golden. Set
/// LP_UPDATE_GOLDEN=1 to rewrite them after a deliberate change to a page, then look at the diff.
/// </summary>
internal static class GoldenFrame
{
    public static string ToArt(Framebuffer frame)
    {
        var text = new StringBuilder();
        for (int y = 0; y < Framebuffer.Height; y++)
        {
            for (int x = 0; x < Framebuffer.Width; x++)
            {
                text.Append(frame.GetPixel(x, y) ? '#' : '.');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static void Check(Framebuffer frame, string name, [CallerFilePath] string caller = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(caller)!, "Golden", name + ".txt");
        string art = ToArt(frame);
        if (Environment.GetEnvironmentVariable("LP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, art);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with LP_UPDATE_GOLDEN=1");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != art)
        {
            string[] want = expected.Split('\n'), got = art.Split('\n');
            int row = Enumerable.Range(0, Math.Min(want.Length, got.Length)).First(i => want[i] != got[i]);
            Assert.Fail($"{name}: row {row} differs from {path}\nwant {want[row]}\ngot  {got[row]}");
        }
    }
}
