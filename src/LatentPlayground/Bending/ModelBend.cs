using LatentPlayground.Core.Bending;
using LatentPlayground.Inference;
using LatentPlayground.Inference.Weights;

namespace LatentPlayground.Bending;

/// <summary>
/// A bend of one open model: the <see cref="BendSession"/> over the bendable layers of its encoder and decoder
/// (INIT is this object's construction), and the way its changes reach the graphs. Live, <see cref="Stage"/> hands
/// each changed layer to the codec's <see cref="WeightStaging"/>, which the inference thread takes between two hops;
/// offline, <see cref="WriteThrough"/> writes them straight into the weights before the render starts.
/// Thread: the control thread (or the command's thread offline), for every member.
/// </summary>
public sealed class ModelBend
{
    private readonly OnnxStreamingCodec _codec;
    private readonly (LiveWeights Weights, WeightStaging Staging, int Index)[] _where;

    /// <param name="codec">A codec opened <see cref="CodecOptions.Bendable"/>.</param>
    public ModelBend(OnnxStreamingCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (codec.EncoderWeights is not LiveWeights encoder || codec.DecoderWeights is not LiveWeights decoder)
        {
            throw new ArgumentException("the codec was not opened bendable", nameof(codec));
        }

        _codec = codec;
        var where = new List<(LiveWeights, WeightStaging, int)>();
        var layers = new List<(string, float[])>();
        var shapes = new List<(string, IReadOnlyList<long>)>();
        foreach ((LiveWeights weights, WeightStaging staging) in new[] { (encoder, codec.EncoderStaging!), (decoder, codec.DecoderStaging!) })
        {
            for (int i = 0; i < weights.Layers.Count; i++)
            {
                where.Add((weights, staging, i));
                layers.Add((weights.Layers[i].DisplayName, weights.Layers[i].Values));
                shapes.Add((weights.Layers[i].DisplayName, weights.Layers[i].Shape));
            }
        }

        _where = [.. where];
        Layers = shapes;
        Session = new BendSession(layers);
    }

    public BendSession Session { get; }

    /// <summary>Every bendable layer's name (as the pedal shows it) and shape, encoder first.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> Layers { get; }

    public string ModelName => _codec.Package.Name;

    /// <summary>
    /// Live: stages every layer whose playing values changed; a layer whose last values the inference thread has
    /// not taken yet waits for the next call. True when nothing is left waiting.
    /// </summary>
    public bool Stage()
    {
        while (Session.TakeChanged(out int layer))
        {
            (_, WeightStaging staging, int index) = _where[layer];
            if (!staging.TryStage(index, out Span<float> buffer))
            {
                Session.MarkChanged(layer);
                return false;
            }

            Session.Playing(layer).CopyTo(buffer);
            staging.Publish(index);
        }

        return true;
    }

    /// <summary>Offline, before any hop runs: writes every changed layer straight into the graphs' weights.</summary>
    public void WriteThrough()
    {
        while (Session.TakeChanged(out int layer))
        {
            (LiveWeights weights, _, int index) = _where[layer];
            Session.Playing(layer).CopyTo(weights.Values(index));
        }
    }

    /// <summary>Applies a loaded configuration as one SET per layer, after checking every layer against the model.</summary>
    /// <exception cref="BendFormatException">A layer the model lacks or of another shape; nothing changed.</exception>
    public void Load(BendConfig config, ReadOnlySpan<float> weights, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        int[] indices = BendFiles.Match(config, source, Layers, ModelName);
        for (int i = 0; i < indices.Length; i++)
        {
            BendLayerEntry entry = config.Layers[i];
            Session.Load(indices[i], weights.Slice((int)entry.Offset, (int)entry.Count));
        }

        Session.SetSteps(config.Steps);
    }

    /// <summary>The layers that differ from the model as exported, as a configuration and its weights.</summary>
    public (BendConfig Config, float[] Weights) Snapshot(string weightsFile)
    {
        var entries = new List<BendLayerEntry>();
        var weights = new List<float>();
        for (int i = 0; i < Session.LayerCount; i++)
        {
            if (!Session.Applied(i).SequenceEqual(Session.Pristine(i)))
            {
                entries.Add(new BendLayerEntry(Layers[i].Name, Layers[i].Shape, weights.Count));
                weights.AddRange(Session.Applied(i));
            }
        }

        return (new BendConfig(ModelName, weightsFile, entries, Session.Steps), [.. weights]);
    }
}
