using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Latents;

namespace LatentPlayground.Latents;

/// <summary>
/// Encodes audio into latents and decodes latents into audio with a streaming codec, hop by hop from a reset,
/// as the engine does: frame m is the encoder's latent for input hop m. The decoded audio is shifted back by
/// the model's own latency, so encode then decode gives audio aligned with the original.
/// Thread: whichever thread owns the codec.
/// </summary>
public static class LatentCodecRun
{
    /// <summary>The latents of mono audio at the codec's rate: one frame per started hop (the last zero-padded).</summary>
    public static LatentArray Encode(IStreamingCodec codec, ReadOnlySpan<float> mono)
    {
        ArgumentNullException.ThrowIfNull(codec);
        int hop = codec.Hop, size = codec.LatentSize;
        int frames = (mono.Length + hop - 1) / hop;
        LatentArray.CheckSize(frames, size);
        codec.Reset();
        var input = new float[hop];
        var latent = new float[size];
        var values = new double[frames * size];
        for (int f = 0; f < frames; f++)
        {
            int start = f * hop, n = Math.Min(hop, mono.Length - start);
            mono.Slice(start, n).CopyTo(input);
            Array.Clear(input, n, hop - n);
            codec.Encode(input, latent);
            for (int d = 0; d < size; d++)
            {
                values[(f * size) + d] = latent[d];
            }
        }

        return new LatentArray(frames, size, values);
    }

    /// <summary>
    /// frames × hop samples of mono audio at the codec's rate. The decoder runs on past the last frame, holding
    /// it, for as many hops as its latency needs, so the end is not lost when the latency is taken off the start.
    /// A model whose noise generator filters the player's input (the bundled one) gets silence there: latents
    /// alone carry no player, so that part of its sound is absent, the same on every run.
    /// </summary>
    public static float[] Decode(IStreamingCodec codec, LatentArray latents)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(latents);
        int hop = codec.Hop, latency = codec.LatencySamples;
        long length = (long)latents.Frames * hop;
        if (length > Array.MaxLength - hop - latency)
        {
            throw new UsageException($"{latents.Frames} latent frames decode to more audio than one file can hold");
        }

        int extra = (latency + hop - 1) / hop;
        var decoded = new float[((latents.Frames + extra) * hop)];
        float[] singles = latents.ToSingles();
        codec.Reset();
        var silence = new float[hop];
        for (int f = 0; f < latents.Frames + extra; f++)
        {
            (codec as Inference.OnnxStreamingCodec)?.FeedInputAudio(silence);
            int row = Math.Min(f, latents.Frames - 1);
            codec.Decode(singles.AsSpan(row * latents.Dimensions, latents.Dimensions), decoded.AsSpan(f * hop, hop));
        }

        return decoded[latency..(int)(latency + length)];
    }

    /// <summary>The mean of the channels, as the engine downmixes its input.</summary>
    public static float[] Downmix(IReadOnlyList<float[]> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 1)
        {
            return channels[0];
        }

        var mono = new float[channels[0].Length];
        float scale = 1f / channels.Count;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            foreach (float[] c in channels)
            {
                sum += c[i];
            }

            mono[i] = sum * scale;
        }

        return mono;
    }
}
