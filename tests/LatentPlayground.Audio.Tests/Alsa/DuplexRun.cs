using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>Streams a duplex stream period by period, each captured period written straight back.</summary>
internal static class DuplexRun
{
    public static void Loop(AlsaDuplexStream stream, int periods, float[]? buffer = null)
    {
        buffer ??= new float[stream.SamplesPerPeriod];
        for (int i = 0; i < periods; i++)
        {
            stream.ReadPeriod(buffer);
            stream.WritePeriod(buffer);
        }
    }
}
