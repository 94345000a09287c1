using System.Globalization;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Bending;
using LatentPlayground.Files;

namespace LatentPlayground.Bending;

/// <summary>
/// Bend configurations on disk: <c>NAME.json</c> (<see cref="BendConfigJson"/>) beside <c>NAME.wav</c>, a mono
/// float32 WAV file holding every edited layer's weights end to end at full resolution (no resampling, no
/// 16-bit cap: a float32 WAV holds any count exactly). Both are written atomically, the weights first, so a
/// configuration never names weights that are not there whole.
/// Thread: any non-real-time thread (the CLI, or the pedal's worker).
/// </summary>
public static class BendFiles
{
    /// <summary>The WAV header's rate: meaningless for weights, a common one so audio tools open the file.</summary>
    public const int WeightsRate = 48000;

    /// <summary>Writes <paramref name="config"/> to <paramref name="jsonPath"/> and its weights beside it.</summary>
    /// <param name="weights">The layers' weights end to end, in the configuration's order.</param>
    public static void Save(string jsonPath, BendConfig config, ReadOnlySpan<float> weights)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (weights.Length != config.TotalWeights)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{weights.Length} weights for a configuration of {config.TotalWeights}"), nameof(weights));
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath)) ?? ".";
        string wavPath = Path.Combine(folder, config.WeightsFile);
        string jsonTarget = OutputFile.Check(new NamedPath(jsonPath, "bend configuration"), new NamedPath(wavPath, "bend weights"));
        string wavTarget = OutputFile.Check(new NamedPath(wavPath, "bend weights"), new NamedPath(jsonPath, "bend configuration"));
        using (WavFileWriter wav = WavFileWriter.Create(wavTarget, WeightsRate, 1, WavSampleFormat.Float32, wavPath))
        {
            // Written in slices: a span cannot cross the writer's buffer in one call on every path.
            const int slice = 1 << 16;
            for (int start = 0; start < weights.Length; start += slice)
            {
                wav.WriteInterleaved(weights.Slice(start, Math.Min(slice, weights.Length - start)));
            }

            wav.Commit();
        }

        AtomicFile.WriteText(jsonTarget, BendConfigJson.Serialize(config), displayPath: jsonPath);
    }

    /// <summary>Reads a configuration and its weights.</summary>
    /// <exception cref="BendFormatException">Anything wrong with either file, in one line naming it.</exception>
    /// <exception cref="InputFileException">A path that is not a readable regular file.</exception>
    public static (BendConfig Config, float[] Weights) Load(string jsonPath)
    {
        string text = InputFile.ReadAllText(jsonPath, InputFile.SmallJsonLimit, "bend configuration");
        BendConfig config = BendConfigJson.Parse(text, jsonPath);
        string wavPath = WeightsPath(jsonPath, config);
        WavAudio wav;
        try
        {
            wav = WavReader.Read(wavPath);
        }
        catch (WavFileException e)
        {
            // Missing, not a regular file, not a WAV or truncated: the message already names the file, in one line.
            throw new BendFormatException(e.Message, e);
        }

        if (wav.Channels != 1 || wav.SourceFormat != WavSampleFormat.Float32)
        {
            throw new BendFormatException($"{wavPath}: must be mono float32 (the weights at full resolution); it is {wav.Channels} channel(s) of {wav.SourceFormat}");
        }

        if (wav.Frames != config.TotalWeights)
        {
            throw new BendFormatException(string.Create(CultureInfo.InvariantCulture, $"{wavPath}: holds {wav.Frames} weights; {jsonPath} lists {config.TotalWeights}"));
        }

        return (config, wav.Samples[0]);
    }

    /// <summary>The weights file of the configuration at <paramref name="jsonPath"/>: beside it.</summary>
    public static string WeightsPath(string jsonPath, BendConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(jsonPath)) ?? ".", config.WeightsFile);
    }

    /// <summary>
    /// Checks that every layer of <paramref name="config"/> is a layer of the model with the same shape, and gives the
    /// model's index of each; nothing is changed. The first mismatch names the layer.
    /// </summary>
    /// <param name="modelLayers">The model's bendable layers (name and shape), in its order.</param>
    /// <exception cref="BendFormatException">A layer the model lacks, or of another shape.</exception>
    public static int[] Match(BendConfig config, string source, IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> modelLayers, string modelName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(modelLayers);
        var indices = new int[config.Layers.Count];
        for (int i = 0; i < config.Layers.Count; i++)
        {
            BendLayerEntry entry = config.Layers[i];
            int found = -1;
            for (int m = 0; m < modelLayers.Count && found < 0; m++)
            {
                found = modelLayers[m].Name == entry.Name ? m : -1;
            }

            string field = string.Create(CultureInfo.InvariantCulture, $"layers[{i}]");
            if (found < 0)
            {
                throw new BendFormatException($"{source}: {field}: {entry.Name} is not a layer of {modelName} (latentplayground bend layers lists them); the model is unchanged");
            }

            if (!modelLayers[found].Shape.SequenceEqual(entry.Shape))
            {
                throw new BendFormatException($"{source}: {field}: {entry.Name} has shape [{string.Join(", ", entry.Shape)}] but {modelName}'s is [{string.Join(", ", modelLayers[found].Shape)}]; the model is unchanged");
            }

            indices[i] = found;
        }

        return indices;
    }
}
