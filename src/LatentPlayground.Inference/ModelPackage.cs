using LatentPlayground.Files;
using LatentPlayground.Core.Modulation;

namespace LatentPlayground.Inference;

/// <summary>
/// A validated model package folder: model.json, the fp32 encoder and decoder, and optionally the int8
/// pair next to them (<c>encoder.int8.onnx</c> beside <c>encoder.onnx</c>). <see cref="Load"/> checks
/// everything the engine relies on before any audio runs, so a bad package fails with one line at load
/// and never half-way through a set.
/// Thread: load on the worker thread (reads files, parses graphs); the loaded object is immutable and
/// may be read from any thread.
/// </summary>
public sealed class ModelPackage
{
    /// <summary>Rates the pedal's audio side runs at; the model's rate is the engine's rate.</summary>
    public static readonly IReadOnlyList<int> SupportedSampleRates = [44100, 48000];

    /// <summary>
    /// Latent sizes the engine plays: RAVE models bring 1 to 128 (commonly 4, 8, 16, 64 or 128). Offsets and
    /// modulators move the first min(8, L) dimensions; the rest pass through from the encoder.
    /// </summary>
    public const int MinLatentSize = 1;

    /// <inheritdoc cref="MinLatentSize"/>
    public const int MaxLatentSize = 128;

    /// <summary>
    /// Hops the engine runs, in samples: RAVE's compression ratios go from 512 to 4096. Smaller hops would
    /// run the graphs too often for the Pi; larger ones add more latency than a player can bear.
    /// </summary>
    public const int MinHop = 512;

    /// <inheritdoc cref="MinHop"/>
    public const int MaxHop = 4096;

    /// <summary>The dimensions a package's offsets and modulators move: the first min(8, L).</summary>
    public static int DrivenDimensions(int latentSize) => Math.Min(ModulatorBank.Dimensions, latentSize);

    /// <summary>The engine is mono end to end.</summary>
    public const int RequiredChannels = 1;

    private const string Int8Suffix = ".int8";

    private readonly Dictionary<(GraphRole, ModelPrecision), GraphSpec> _graphs;

    private ModelPackage(string folder, ModelManifest manifest, Dictionary<(GraphRole, ModelPrecision), GraphSpec> graphs, IReadOnlyList<PackageFile> files)
    {
        Folder = folder;
        Manifest = manifest;
        _graphs = graphs;
        Files = files;
        Precisions = [.. new[] { ModelPrecision.Fp32, ModelPrecision.Int8 }.Where(Has)];
    }

    public string Folder { get; }

    public ModelManifest Manifest { get; }

    public string Name => Manifest.Name;

    public int SampleRate => Manifest.SampleRate;

    public int Hop => Manifest.Hop;

    public int LatentSize => Manifest.LatentSize;

    public int Channels => Manifest.Channels;

    /// <summary>The model's algorithmic latency: output hop m lags input hop m by this much, beyond the engine's own hop of buffering.</summary>
    public int LatencySamples => Manifest.LatencySamples;

    public double LatencyMilliseconds => 1000.0 * LatencySamples / SampleRate;

    public IReadOnlyList<StateTensor> EncoderStates => Manifest.Encoder.States;

    public IReadOnlyList<StateTensor> DecoderStates => Manifest.Decoder.States;

    /// <summary>The precisions whose graph pair is present and valid: always fp32, int8 when shipped.</summary>
    public IReadOnlyList<ModelPrecision> Precisions { get; }

    /// <summary>The precision to run when the user did not choose: int8 when present (faster), else fp32.</summary>
    public ModelPrecision BestPrecision => Has(ModelPrecision.Int8) ? ModelPrecision.Int8 : ModelPrecision.Fp32;

    /// <summary>Every file in the folder (not only the graphs), by name.</summary>
    public IReadOnlyList<PackageFile> Files { get; }

    public long TotalBytes => Files.Sum(f => f.Bytes);

    /// <summary>Loads and validates the package in <paramref name="folder"/>; throws <see cref="ModelPackageException"/> when it is unusable.</summary>
    public static ModelPackage Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw ModelPackageException.For("\"\"", "an empty path where a model folder was expected");
        }

        if (!Directory.Exists(folder))
        {
            FileKind kind = FileNode.Of(folder).Kind;
            throw ModelPackageException.For(folder, kind == FileKind.Missing ? "no such model folder" : $"{kind.Describe()}, not a model folder");
        }

        string manifestPath = Path.Combine(folder, ModelManifest.FileName);
        ModelManifest manifest = ManifestReader.Read(manifestPath);
        CheckEngineFit(manifestPath, manifest);

        var graphs = new Dictionary<(GraphRole, ModelPrecision), GraphSpec>();
        foreach (GraphRole role in (GraphRole[])[GraphRole.Encoder, GraphRole.Decoder])
        {
            string path = GraphPath(folder, manifest, role, ModelPrecision.Fp32);
            _ = IsPresent(path);
            graphs[(role, ModelPrecision.Fp32)] = GraphInspector.Inspect(path, role, ModelPrecision.Fp32, manifest);
        }

        // The int8 pair is optional, but half a pair is a broken export, not a missing feature.
        string encoderInt8 = GraphPath(folder, manifest, GraphRole.Encoder, ModelPrecision.Int8);
        string decoderInt8 = GraphPath(folder, manifest, GraphRole.Decoder, ModelPrecision.Int8);
        if (IsPresent(encoderInt8) != IsPresent(decoderInt8))
        {
            (string missing, string present) = IsPresent(encoderInt8) ? (decoderInt8, encoderInt8) : (encoderInt8, decoderInt8);
            throw ModelPackageException.For(missing, $"missing, though {Path.GetFileName(present)} is present (int8 graphs come in pairs)");
        }

        if (IsPresent(encoderInt8))
        {
            graphs[(GraphRole.Encoder, ModelPrecision.Int8)] = GraphInspector.Inspect(encoderInt8, GraphRole.Encoder, ModelPrecision.Int8, manifest);
            graphs[(GraphRole.Decoder, ModelPrecision.Int8)] = GraphInspector.Inspect(decoderInt8, GraphRole.Decoder, ModelPrecision.Int8, manifest);
        }

        if (manifest.InitialStates is not null || HasOffsets(manifest))
        {
            float[] initial = ReadInitialStates(folder, manifest);
            foreach (var key in graphs.Keys.ToList())
            {
                GraphSpec spec = graphs[key];
                graphs[key] = spec with { InitialStates = [.. spec.States.Select(s => Slice(folder, manifest, initial, s))] };
            }
        }

        PackageFile[] files = [.. new DirectoryInfo(folder).EnumerateFiles()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new PackageFile(f.Name, f.Length))];
        return new ModelPackage(folder, manifest, graphs, files);
    }

    /// <summary>Where the graph of <paramref name="role"/> at <paramref name="precision"/> lives, whether or not the package has it.</summary>
    public string GraphPath(GraphRole role, ModelPrecision precision) => GraphPath(Folder, Manifest, role, precision);

    public bool Has(ModelPrecision precision) =>
        _graphs.ContainsKey((GraphRole.Encoder, precision)) && _graphs.ContainsKey((GraphRole.Decoder, precision));

    /// <summary>The validated graph; throws <see cref="ModelPackageException"/> when the package lacks it.</summary>
    public GraphSpec Graph(GraphRole role, ModelPrecision precision) =>
        _graphs.TryGetValue((role, precision), out GraphSpec? spec)
            ? spec
            : throw ModelPackageException.For(GraphPath(role, precision), "missing");

    // Present as a regular file, absent, or refused: ONNX Runtime would block forever on a FIFO named
    // decoder.onnx and read /dev/zero until memory runs out.
    private static bool IsPresent(string path)
    {
        FileNode node = FileNode.Of(path);
        return node.Kind switch
        {
            FileKind.Missing => false,
            FileKind.Regular => true,
            _ => throw ModelPackageException.For(path, $"{node.Kind.Describe()}, not a regular file"),
        };
    }

    /// <summary>The int8 graph sits next to its fp32 graph: <c>encoder.onnx</c> → <c>encoder.int8.onnx</c>.</summary>
    public static string GraphFileName(string fp32FileName, ModelPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(fp32FileName);
        return precision == ModelPrecision.Fp32
            ? fp32FileName
            : Path.GetFileNameWithoutExtension(fp32FileName) + Int8Suffix + Path.GetExtension(fp32FileName);
    }

    /// <summary>The largest initial-states file read: far above any RAVE model's caches (a few MB), far below memory.</summary>
    private const long MaxInitialStatesBytes = 256L << 20;

    private static bool HasOffsets(ModelManifest m) =>
        m.Encoder.States.Concat(m.Decoder.States).Any(s => s.InitialOffset is not null);

    private static float[] ReadInitialStates(string folder, ModelManifest manifest)
    {
        string manifestPath = Path.Combine(folder, ModelManifest.FileName);
        if (manifest.InitialStates is null)
        {
            throw ModelPackageException.For(manifestPath, "states give an \"initial_offset\" but \"initial_states\" names no file");
        }

        string path = Path.Combine(folder, manifest.InitialStates);
        byte[] bytes;
        try
        {
            bytes = InputFile.ReadAllBytes(path, MaxInitialStatesBytes, "state file");
        }
        catch (InputFileException e)
        {
            throw ModelPackageException.For(path, e.Problem == "no such file" ? "missing" : e.Problem, e);
        }

        if (bytes.Length % sizeof(float) != 0)
        {
            throw ModelPackageException.For(path, $"{bytes.Length} bytes is not a whole number of float32 values");
        }

        var values = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            if (!float.IsFinite(values[i]))
            {
                throw ModelPackageException.For(path, $"value {i} is not a finite number");
            }
        }

        return values;
    }

    private static float[]? Slice(string folder, ModelManifest manifest, float[] initial, StateTensor state)
    {
        if (state.InitialOffset is not long offset)
        {
            return null;
        }

        if (offset + state.ElementCount > initial.Length)
        {
            throw ModelPackageException.For(Path.Combine(folder, manifest.InitialStates!),
                $"holds {initial.Length} values, too few for {state.Input} ({state.ElementCount} values from offset {offset})");
        }

        return initial.AsSpan((int)offset, (int)state.ElementCount).ToArray();
    }

    private static string GraphPath(string folder, ModelManifest manifest, GraphRole role, ModelPrecision precision) =>
        Path.Combine(folder, GraphFileName(manifest.Graph(role).File, precision));

    /// <summary>What the engine needs of the numbers, independent of the graphs.</summary>
    /// <summary>The longest model latency the engine delays its dry path by.</summary>
    public const int MaxLatencySeconds = 2;

    private static void CheckEngineFit(string path, ModelManifest m)
    {
        if (!SupportedSampleRates.Contains(m.SampleRate))
        {
            throw ModelPackageException.For(path, $"sample_rate {m.SampleRate} is not supported (the pedal runs at {string.Join(" or ", SupportedSampleRates)} Hz)");
        }

        // Any hop in range will do: a RAVE hop is the PQMF band count times the strides, and the
        // exporter keeps that product; the host only needs one hop per call, which the shape checks
        // below and the graph inspection hold it to.
        if (m.Hop is < MinHop or > MaxHop)
        {
            throw ModelPackageException.For(path, $"hop {m.Hop} is not supported (the engine runs hops of {MinHop} to {MaxHop} samples)");
        }

        if (m.LatentSize is < MinLatentSize or > MaxLatentSize)
        {
            throw ModelPackageException.For(path, $"latent_size {m.LatentSize} is not supported (the engine plays latent sizes {MinLatentSize} to {MaxLatentSize})");
        }

        if (m.Channels != RequiredChannels)
        {
            throw ModelPackageException.For(path, $"channels {m.Channels} is not supported (the engine is mono)");
        }

        // The engine holds the model's latency as a delay line for the dry path and the alignment; a value
        // near int.MaxValue would be gigabytes of it, and no model delays its output by seconds.
        if (m.LatencySamples > MaxLatencySeconds * m.SampleRate)
        {
            throw ModelPackageException.For(path, $"latency_samples {m.LatencySamples} is more than {MaxLatencySeconds} s at {m.SampleRate} Hz (the engine holds at most {MaxLatencySeconds * m.SampleRate})");
        }

        // One call is one hop: the signal tensors must hold exactly one hop and one latent frame.
        long[] audio = [1, m.Channels, m.Hop];
        long[] latent = [1, m.LatentSize, 1];
        CheckShape(path, "encoder.input", m.Encoder.Input, audio);
        CheckShape(path, "encoder.output", m.Encoder.Output, latent);
        CheckShape(path, "decoder.input", m.Decoder.Input, latent);
        CheckShape(path, "decoder.output", m.Decoder.Output, audio);
    }

    private static void CheckShape(string path, string field, TensorDeclaration declared, long[] expected)
    {
        if (!declared.Shape.SequenceEqual(expected))
        {
            throw ModelPackageException.For(path, $"\"{field}.shape\" is {ShapeText.Format(declared.Shape)}, but one hop of this model needs {ShapeText.Format(expected)}");
        }
    }
}
