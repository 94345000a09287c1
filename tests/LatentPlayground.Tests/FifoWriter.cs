namespace LatentPlayground.Tests;

/// <summary>
/// Opens the writing end of a FIFO that the pedal reads as a MIDI input. Opening a FIFO for writing blocks until
/// a reader opens it, so a pedal that failed before opening its MIDI inputs would hang the test run forever; this
/// gives up when the reader is gone or after a timeout, and says so.
/// </summary>
internal static class FifoWriter
{
    /// <param name="fifo">The FIFO's path.</param>
    /// <param name="readerGone">Completes when the reading side can no longer open it (its process ended).</param>
    /// <param name="timeout">How long to wait for the reader.</param>
    /// <param name="why">What to say when no reader came (the reader's log, once it has ended).</param>
    public static async Task<FileStream> OpenAsync(string fifo, Task readerGone, TimeSpan timeout, Func<string>? why = null)
    {
        Task<FileStream> open = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
        Task first = await Task.WhenAny(open, readerGone, Task.Delay(timeout));
        if (first == open)
        {
            return await open;
        }

        // Become the reader ourselves, so the pending open returns and its thread is not left blocked.
        using (new FileStream(fifo, FileMode.Open, FileAccess.Read))
        {
            (await open).Dispose();
        }

        string reason = first == readerGone ? "the reader ended without opening it" : $"no reader opened it within {timeout.TotalSeconds:0} s";
        throw new TimeoutException($"FIFO {fifo}: {reason}. {why?.Invoke()}");
    }
}
