using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace LatentPlayground.Inference;

/// <summary>
/// A model package's encoder and decoder run hop by hop by ONNX Runtime, with the streaming state
/// carried between calls. After construction, <see cref="Encode"/> and <see cref="Decode"/> allocate
/// no managed memory: all tensors are native buffers bound once.
/// Thread: construct and dispose on the worker thread (it loads files and compiles graphs);
/// <see cref="Encode"/>, <see cref="Decode"/> and <see cref="Reset"/> on the hop stage's thread only,
/// never while another thread disposes the codec.
/// </summary>
public sealed class OnnxStreamingCodec : Core.Engine.IStreamingCodec, IDisposable
{
    private readonly StreamingGraph _encoder;
    private readonly StreamingGraph _decoder;
    private readonly NoiseSource _noise;
    private readonly bool _deterministicNoise;
    private long _encodeTicks;
    private long _decodeTicks;

    public OnnxStreamingCodec(ModelPackage package, CodecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        options ??= new CodecOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmUpHops, nameof(options));
        if (options.Bendable && options.Precision != ModelPrecision.Fp32)
        {
            throw new ArgumentException("a bendable codec runs the fp32 graphs: the int8 kernels pack their weights when the session is built", nameof(options));
        }

        if (!package.Has(options.Precision))
        {
            throw ModelPackageException.For(package.GraphPath(GraphRole.Encoder, options.Precision), $"missing: the package has no {Describe(options.Precision)} graphs");
        }

        Package = package;
        Precision = options.Precision;
        _noise = new NoiseSource(options.NoiseSeed);
        _deterministicNoise = options.DeterministicNoise;
        if (options.Bendable)
        {
            EncoderWeights = OpenWeights(package.GraphPath(GraphRole.Encoder, Precision), "encoder");
            DecoderWeights = OpenWeights(package.GraphPath(GraphRole.Decoder, Precision), "decoder");
            EncoderStaging = new Weights.WeightStaging(EncoderWeights);
            DecoderStaging = new Weights.WeightStaging(DecoderWeights);
        }

        _encoder = Open(package.Graph(GraphRole.Encoder, Precision), EncoderWeights);
        try
        {
            _decoder = Open(package.Graph(GraphRole.Decoder, Precision), DecoderWeights);
            foreach (NoiseInput n in _decoder.Spec.NoiseInputs)
            {
                if (n.Distribution == NoiseDistribution.InputAudio && n.ElementCount != Hop)
                {
                    throw ModelPackageException.For(package.GraphPath(GraphRole.Decoder, Precision),
                        $"its input-audio input {n.Name} holds {n.ElementCount} values; it must hold one hop ({Hop})");
                }
            }

            WarmUp(options.WarmUpHops);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public ModelPackage Package { get; }

    /// <summary>The encoder's bendable layers, live; null unless opened <see cref="CodecOptions.Bendable"/>.</summary>
    public Weights.LiveWeights? EncoderWeights { get; }

    /// <summary>The decoder's bendable layers, live; null unless opened <see cref="CodecOptions.Bendable"/>.</summary>
    public Weights.LiveWeights? DecoderWeights { get; }

    /// <summary>Where the control side stages bent encoder layers; <see cref="Encode"/> takes them before it runs.</summary>
    public Weights.WeightStaging? EncoderStaging { get; }

    /// <summary>Where the control side stages bent decoder layers; <see cref="Encode"/> takes them before the hop runs.</summary>
    public Weights.WeightStaging? DecoderStaging { get; }

    public ModelPrecision Precision { get; }

    public int Hop => Package.Hop;

    public int LatentSize => Package.LatentSize;

    public int SampleRate => Package.SampleRate;

    public int LatencySamples => Package.LatencySamples;

    /// <summary>Wall time of the last <see cref="Encode"/> (copy in, graph run, copy out), for benchmarks. Thread: hop stage.</summary>
    public TimeSpan LastEncodeTime => Stopwatch.GetElapsedTime(0, _encodeTicks);

    /// <summary>Wall time of the last <see cref="Decode"/> (copy in, graph run, copy out), for benchmarks. Thread: hop stage.</summary>
    public TimeSpan LastDecodeTime => Stopwatch.GetElapsedTime(0, _decodeTicks);

    /// <summary>Encodes one hop of mono audio into one latent frame. Real-time: no allocation. Thread: hop stage.</summary>
    public void Encode(ReadOnlySpan<float> audio, Span<float> latent)
    {
        long start = Stopwatch.GetTimestamp();
        CheckLength(audio.Length, Hop, nameof(audio));
        CheckLength(latent.Length, LatentSize, nameof(latent));

        // Bent layers land here, on this thread, between two runs: a hop reads whole layers only, the same in its
        // encoder and decoder.
        EncoderStaging?.ApplyPending();
        DecoderStaging?.ApplyPending();
        audio.CopyTo(_encoder.Input);
        _encoder.Run();
        _encoder.Output.CopyTo(latent);
        FeedInputAudio(audio);
        _encodeTicks = Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// Gives the decoder's input-audio inputs (<see cref="NoiseDistribution.InputAudio"/>) the hop the next
    /// <see cref="Decode"/> shapes. <see cref="Encode"/> does it with the hop it encodes; call it only to decode
    /// latents that did not come from <see cref="Encode"/> (reference vectors). No-op for models without such an
    /// input. Real-time: no allocation. Thread: hop stage.
    /// </summary>
    public void FeedInputAudio(ReadOnlySpan<float> audio)
    {
        IReadOnlyList<NoiseInput> inputs = _decoder.Spec.NoiseInputs;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Distribution == NoiseDistribution.InputAudio)
            {
                CheckLength(audio.Length, Hop, nameof(audio));
                audio.CopyTo(_decoder.Noise(i));
            }
        }
    }

    /// <summary>
    /// Decodes one latent frame into one hop of mono audio. The frame is copied in, because the engine
    /// changes the encoder's latent (offsets, modulators) before decoding it. Real-time: no allocation.
    /// Thread: hop stage.
    /// </summary>
    public void Decode(ReadOnlySpan<float> latent, Span<float> audio)
    {
        long start = Stopwatch.GetTimestamp();
        CheckLength(latent.Length, LatentSize, nameof(latent));
        CheckLength(audio.Length, Hop, nameof(audio));
        latent.CopyTo(_decoder.Input);
        if (!_deterministicNoise)
        {
            IReadOnlyList<NoiseInput> inputs = _decoder.Spec.NoiseInputs;
            for (int i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Distribution != NoiseDistribution.InputAudio)
                {
                    _noise.Fill(_decoder.Noise(i), inputs[i].Distribution);
                }
            }
        }

        _decoder.Run();
        _decoder.Output.CopyTo(audio);
        _decodeTicks = Stopwatch.GetTimestamp() - start;
    }

    /// <summary>
    /// Puts the streaming state of both graphs back as at load (zeros, or the package's initial states) and
    /// restarts the noise draws from their seed. Real-time: no allocation. Thread: hop stage.
    /// </summary>
    public void Reset()
    {
        _encoder.Reset();
        _decoder.Reset();
        _noise.Restart();
    }

    /// <summary>Frees the sessions and native buffers. Thread: worker, after the hop stage has let go of the codec.</summary>
    public void Dispose()
    {
        _encoder?.Dispose();
        _decoder?.Dispose();

        // After the sessions that read them.
        EncoderWeights?.Dispose();
        DecoderWeights?.Dispose();
    }

    internal static string Describe(ModelPrecision precision) => precision == ModelPrecision.Int8 ? "int8" : "fp32";

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            Throw(actual, expected, name);
        }

        // Kept out of line so the hop path carries no string formatting.
        static void Throw(int actual, int expected, string name) =>
            throw new ArgumentException($"expected {expected} values, got {actual}", name);
    }

    /// <summary>
    /// A graph can pass every check of the package and still fail to build or run (an operator ONNX
    /// Runtime lacks, a shape that only breaks at run time): that is a bad package too, named by its file.
    /// </summary>
    private static StreamingGraph Open(GraphSpec spec, Weights.LiveWeights? weights)
    {
        using var sessionOptions = RealtimeSessionOptions.Create();
        weights?.AttachTo(sessionOptions);
        try
        {
            return new StreamingGraph(spec, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw ModelPackageException.For(spec.Path, $"ONNX Runtime cannot prepare it ({e.Message})", e);
        }
    }

    private static Weights.LiveWeights OpenWeights(string path, string graph)
    {
        try
        {
            return new Weights.LiveWeights(Weights.OnnxWeights.Read(path, graph));
        }
        catch (InvalidDataException e)
        {
            throw ModelPackageException.For(path, $"its weights cannot be read ({e.Message})", e);
        }
    }

    private void WarmUp(int hops)
    {
        // Silence exercises the same kernels as music; the values do not matter, only that every node ran.
        var audio = new float[Hop];
        var latent = new float[LatentSize];
        for (int i = 0; i < hops; i++)
        {
            try
            {
                Encode(audio, latent);
            }
            catch (OnnxRuntimeException e)
            {
                throw ModelPackageException.For(_encoder.Spec.Path, $"fails to run one hop ({e.Message})", e);
            }

            try
            {
                Decode(latent, audio);
            }
            catch (OnnxRuntimeException e)
            {
                throw ModelPackageException.For(_decoder.Spec.Path, $"fails to run one hop ({e.Message})", e);
            }
        }

        Reset();
        _encodeTicks = 0;
        _decodeTicks = 0;
    }
}
