using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;

namespace LatentPlayground.Render;

/// <summary>
/// Runs audio through the engine exactly as the pedal would, block by block, on one thread. With
/// alignment on, the output is shifted back by the engine's latency (the input is followed by that much
/// silence so the tail is not lost), so the result lines up with the input the way a DAW's delay
/// compensation would; with alignment off it is the pedal's raw output: dry immediate, wet late.
/// The output always has the input's length. With XY predict, blocks are cut at hop boundaries and the prediction
/// for each hop is posted before its first sample, so a latent frame takes the position at its own start.
/// Thread: any one thread.
/// </summary>
public static class RenderJob
{
    /// <param name="codec">The model.</param>
    /// <param name="input">Planar input at the codec's sample rate, one array per channel.</param>
    /// <param name="settings">Parameters and tempo.</param>
    /// <param name="progress">Called now and then with the fraction done.</param>
    public static RenderResult Run(IStreamingCodec codec, IReadOnlyList<float[]> input, RenderSettings settings, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Xy is not null && settings.Switches.Count > 0)
        {
            // A switch's snapshot would overwrite the mapped values, and they would come back only as the position moved.
            throw new ArgumentException("XY predict and preset switches do not combine in one render", nameof(settings));
        }

        int channels = input.Count;
        int frames = input[0].Length;

        codec.Reset();
        var engine = new OfflineEngine(codec, channels, settings.Bpm ?? 120, transportRunning: settings.Bpm is not null);
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            if (d.Kind != ParameterKind.Action)
            {
                engine.Post(new ParameterChange(d.Id, settings.Parameters[d.Id]));
            }
        }

        XyHopPredictor? xy = settings.Xy is RenderXy r
            ? new XyHopPredictor(r.Mapping, r.Path, settings.Parameters[ParameterId.XyX], settings.Parameters[ParameterId.XyY])
            : null;

        // The first prediction goes in with the starting settings: the first hop starts at it, with no glide from the stored values.
        xy?.Post(engine, 0);
        engine.ApplyPendingImmediately();
        engine.HopStage.LatentSource = settings.LatentSource?.Invoke(codec);
        var latents = new List<float[]>();
        engine.LatentObserver = (_, z) => latents.Add(z.ToArray());

        bool aligned = settings.Parameters.IsOn(ParameterId.Align);
        int skip = aligned ? engine.LatencySamples : 0;
        long total = (long)frames + skip;
        var output = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            output[c] = new float[frames];
        }

        int block = settings.BlockFrames;
        var inBlock = new float[block * channels];
        var outBlock = new float[block * channels];
        var switchValues = new double[ParameterTable.Count];
        long[] switchAt = [.. settings.Switches.Select(s => (long)Math.Round(s.Seconds * codec.SampleRate))];
        int nextSwitch = 0;
        int hop = codec.Hop;
        long done = 0;
        long nextReport = 0;
        while (done < total)
        {
            // A switch is posted at its exact input frame: blocks are cut there, so the result does not
            // depend on the block size.
            while (nextSwitch < switchAt.Length && switchAt[nextSwitch] <= done)
            {
                settings.Switches[nextSwitch].Parameters.CopyTo(switchValues);
                engine.PostSwitch(switchValues);
                nextSwitch++;
            }

            long limit = nextSwitch < switchAt.Length ? switchAt[nextSwitch] - done : long.MaxValue;
            if (xy is not null)
            {
                int intoHop = (int)(done % hop);
                if (intoHop == 0)
                {
                    xy.Post(engine, (double)done / codec.SampleRate);
                }

                limit = Math.Min(limit, hop - intoHop);
            }

            int n = (int)Math.Min(Math.Min(block, total - done), limit);
            for (int f = 0; f < n; f++)
            {
                long t = done + f;
                for (int c = 0; c < channels; c++)
                {
                    inBlock[(f * channels) + c] = t < frames ? input[c][t] : 0f;
                }
            }

            engine.Process(inBlock, outBlock, n);
            for (int f = 0; f < n; f++)
            {
                long t = done + f - skip;
                if (t >= 0 && t < frames)
                {
                    for (int c = 0; c < channels; c++)
                    {
                        output[c][t] = outBlock[(f * channels) + c];
                    }
                }
            }

            done += n;
            if (progress is not null && done >= nextReport)
            {
                progress((double)done / total);
                nextReport = done + (total / 200) + 1;
            }
        }

        progress?.Invoke(1.0);

        // Latent frames past the input's end come from the silence appended for the tail; they are not the input's.
        int inputFrames = (frames + hop - 1) / hop;
        if (latents.Count > inputFrames)
        {
            latents.RemoveRange(inputFrames, latents.Count - inputFrames);
        }

        return new RenderResult(output, latents, engine.LatencySamples);
    }
}
