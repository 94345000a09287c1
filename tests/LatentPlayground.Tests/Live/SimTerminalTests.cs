using System.Diagnostics;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// <c>run --sim</c> in a real 80x24 terminal (tmux): the whole panel (the OLED in braille, framed, the LEDs, the
/// knobs and the key help) is on screen, its top not scrolled away, and the quit key still works.
/// </summary>
[Collection(LiveTestCollection.Name)]
public sealed class SimTerminalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-sim-tmux-").FullName;
    private readonly string _socket = $"lp-test-{Environment.ProcessId}";

    public void Dispose()
    {
        _ = Tmux("kill-server");
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_whole_panel_fits_an_80_by_24_terminal()
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string program = Path.Combine(AppContext.BaseDirectory, "latentplayground.dll");
        string command = $"env LATENTPLAYGROUND_BANK='{_folder}/bank' STATE_DIRECTORY='{_folder}/state' NOTIFY_SOCKET= '{dotnet}' '{program}' run --sim --duration 60; sleep 30";
        Assert.Equal(0, Tmux("new-session", "-d", "-x", "80", "-y", "24", "-s", "sim", command).Code);

        string[] screen = [];
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            screen = Tmux("capture-pane", "-p", "-t", "sim").Output.Split('\n');
            if (screen.Length > 19 && screen[18].StartsWith("LEDs:", StringComparison.Ordinal) && screen[1].Any(c => c > '\u2800' && c <= '\u28FF'))
            {
                break;
            }
        }

        string shown = string.Join('\n', screen);
        string frame = "+" + new string('-', 64) + "+";
        Assert.True(screen.Length >= 24, shown);
        Assert.Equal(frame, screen[0]);
        Assert.Equal(frame, screen[17]);
        for (int row = 1; row <= 16; row++)
        {
            Assert.Equal(66, screen[row].Length);
            Assert.True(screen[row][0] == '|' && screen[row][^1] == '|', shown);
            Assert.All(screen[row][1..^1], c => Assert.InRange(c, '\u2800', '\u28FF'));
        }

        Assert.StartsWith("LEDs: A ", screen[18], StringComparison.Ordinal);
        Assert.StartsWith("knobs: 1 [", screen[19], StringComparison.Ordinal);
        Assert.StartsWith("footswitches", screen[20], StringComparison.Ordinal);
        Assert.Contains("quit: Ctrl-C or x", screen[21], StringComparison.Ordinal);

        // The quit key ends the run (the shell then sleeps, so the pane stays to be read).
        Assert.Equal(0, Tmux("send-keys", "-t", "sim", "x").Code);
        waited.Restart();
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && !Tmux("capture-pane", "-p", "-t", "sim").Output.Contains("stopped by the simulator's quit key", StringComparison.Ordinal))
        {
            await Task.Delay(500);
        }

        Assert.Contains("stopped by the simulator's quit key", Tmux("capture-pane", "-p", "-S", "-100", "-t", "sim").Output, StringComparison.Ordinal);
    }

    private (int Code, string Output) Tmux(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit(10_000);
        return (p.ExitCode, output);
    }
}
