using System.Collections.Concurrent;

namespace LatentPlayground.Sim;

/// <summary>
/// Keys from the terminal (raw, without echo) or from a redirected standard input, read on a background thread
/// that only queues them; the control thread takes them with <see cref="TryTake"/> and never waits.
/// Arrow keys become the encoder's , and . keys.
/// </summary>
public sealed class KeySource
{
    private readonly ConcurrentQueue<char> _keys = new();

    private KeySource()
    {
    }

    /// <summary>True once standard input has ended (a redirected input ran out).</summary>
    public bool Ended { get; private set; }

    /// <summary>Starts reading standard input on a background thread.</summary>
    public static KeySource StartReading()
    {
        var source = new KeySource();
        var thread = new Thread(source.Read) { IsBackground = true, Name = "lp-sim-keys" };
        thread.Start();
        return source;
    }

    public bool TryTake(out char key) => _keys.TryDequeue(out key);

    private void Read()
    {
        try
        {
            if (!Console.IsInputRedirected)
            {
                while (true)
                {
                    ConsoleKeyInfo k = Console.ReadKey(intercept: true);
                    _keys.Enqueue(k.Key switch
                    {
                        ConsoleKey.LeftArrow or ConsoleKey.DownArrow => ',',
                        ConsoleKey.RightArrow or ConsoleKey.UpArrow => '.',
                        ConsoleKey.Enter => '\n',
                        ConsoleKey.Backspace => '\b',
                        _ => k.KeyChar,
                    });
                }
            }

            int c;
            while ((c = Console.In.Read()) >= 0)
            {
                _keys.Enqueue((char)c);
            }
        }
        catch (InvalidOperationException)
        {
            // No console to read from: the panel still runs, without keys.
        }

        Ended = true;
    }
}
