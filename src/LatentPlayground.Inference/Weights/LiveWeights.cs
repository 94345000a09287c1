using Microsoft.ML.OnnxRuntime;

namespace LatentPlayground.Inference.Weights;

/// <summary>
/// The bendable layers of one fp32 graph, held in native buffers that ONNX Runtime reads as the graph's initializers
/// (<see cref="SessionOptions.AddInitializer"/>): a value written into <see cref="Values"/> is what the next run of
/// the graph computes with, with no session rebuilt. That holds because the fp32 CPU kernels of these graphs
/// (1-D Conv) read their weights at run time; prepacked kernels (int8 QLinearConv, which ONNX Runtime packs at
/// session build) would not see a write, so a bent model plays its fp32 graphs. <see cref="Pristine"/> keeps the
/// values as exported, for REVERT, RELOAD and for deriving a bend anew.
/// Thread: built and disposed on a worker, before and after the session that reads it; <see cref="Values"/>
/// written only on the thread that runs the graph, between two runs.
/// </summary>
public sealed class LiveWeights : IDisposable
{
    private readonly NativeTensor[] _tensors;

    public LiveWeights(IReadOnlyList<WeightLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        Layers = layers;
        _tensors = new NativeTensor[layers.Count];
        try
        {
            for (int i = 0; i < layers.Count; i++)
            {
                _tensors[i] = new NativeTensor([.. layers[i].Shape]);
                layers[i].Values.CopyTo(_tensors[i].Span);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<WeightLayer> Layers { get; }

    /// <summary>The index of the layer called <paramref name="name"/> (its initializer name or display name), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Layers.Count; i++)
        {
            if (Layers[i].Name == name || Layers[i].DisplayName == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The values the graph computes with. Thread: the graph's thread, between runs.</summary>
    public Span<float> Values(int layer) => _tensors[layer].Span;

    /// <summary>The values as exported.</summary>
    public ReadOnlySpan<float> Pristine(int layer) => Layers[layer].Values;

    /// <summary>Puts every layer back as exported. Thread: the graph's thread, between runs.</summary>
    public void Restore()
    {
        for (int i = 0; i < _tensors.Length; i++)
        {
            Layers[i].Values.CopyTo(_tensors[i].Span);
        }
    }

    internal void AttachTo(SessionOptions options)
    {
        for (int i = 0; i < _tensors.Length; i++)
        {
            options.AddInitializer(Layers[i].Name, _tensors[i].Value);
        }
    }

    public void Dispose()
    {
        foreach (NativeTensor? t in _tensors)
        {
            t?.Dispose();
        }
    }
}
