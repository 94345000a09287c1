using Microsoft.ML.OnnxRuntime;

namespace LatentPlayground.Inference;

/// <summary>
/// One graph run hop by hop with its state carried in ONNX Runtime IoBindings over native buffers.
/// Two state banks and two bindings are built once: A→B reads bank A and writes bank B, B→A the
/// reverse, and each hop uses the other one. A state output is never bound to its own input's
/// buffer: ONNX Runtime accepts that silently and the result then depends on node order.
/// Thread: constructed and disposed on the worker thread; <see cref="Run"/>, <see cref="Reset"/>,
/// <see cref="Input"/> and <see cref="Output"/> only on the hop stage's thread.
/// </summary>
internal sealed class StreamingGraph : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly NativeTensor _input;
    private readonly NativeTensor _output;
    private readonly NativeTensor[] _bankA;
    private readonly NativeTensor[] _bankB;
    private readonly NativeTensor[] _noise;
    private readonly OrtIoBinding _aToB;
    private readonly OrtIoBinding _bToA;
    private bool _readFromB;
    private bool _disposed;

    public StreamingGraph(GraphSpec spec, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        Spec = spec;

        // Built step by step so a failure half-way frees whatever was already made.
        var owned = new List<IDisposable>();
        try
        {
            _session = Own(owned, new InferenceSession(spec.Path, options));
            _runOptions = Own(owned, new RunOptions());
            _input = Own(owned, new NativeTensor([.. spec.InputShape]));
            _output = Own(owned, new NativeTensor([.. spec.OutputShape]));
            _bankA = new NativeTensor[spec.States.Count];
            _bankB = new NativeTensor[spec.States.Count];
            for (int i = 0; i < spec.States.Count; i++)
            {
                _bankA[i] = Own(owned, new NativeTensor([.. spec.States[i].Shape]));
                _bankB[i] = Own(owned, new NativeTensor([.. spec.States[i].Shape]));
            }

            _noise = new NativeTensor[spec.NoiseInputs.Count];
            for (int i = 0; i < _noise.Length; i++)
            {
                _noise[i] = Own(owned, new NativeTensor([.. spec.NoiseInputs[i].Shape]));
                _noise[i].Span.Fill(spec.NoiseInputs[i].DeterministicValue);
            }

            LoadInitialStates();
            _aToB = Own(owned, Bind(_bankA, _bankB));
            _bToA = Own(owned, Bind(_bankB, _bankA));
        }
        catch
        {
            for (int i = owned.Count - 1; i >= 0; i--)
            {
                owned[i].Dispose();
            }

            throw;
        }
    }

    public GraphSpec Spec { get; }

    /// <summary>The signal input of the next <see cref="Run"/>: write it before running.</summary>
    public Span<float> Input => _input.Span;

    /// <summary>The signal output of the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output => _output.Span;

    /// <summary>The buffer bound to noise input <paramref name="index"/> (in <see cref="GraphSpec.NoiseInputs"/> order): write it before running.</summary>
    public Span<float> Noise(int index) => _noise[index].Span;

    /// <summary>Runs one hop: reads <see cref="Input"/> and the current state bank, writes <see cref="Output"/> and the other bank.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _session.RunWithBinding(_runOptions, _readFromB ? _bToA : _aToB);
        _readFromB = !_readFromB;
    }

    /// <summary>Puts both state banks back to their values at reset (zeros, or the package's initial states): the next hop starts as from a fresh load.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        LoadInitialStates();
        _readFromB = false;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _aToB.Dispose();
        _bToA.Dispose();
        for (int i = 0; i < _bankA.Length; i++)
        {
            _bankA[i].Dispose();
            _bankB[i].Dispose();
        }

        foreach (NativeTensor n in _noise)
        {
            n.Dispose();
        }

        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }

    private void LoadInitialStates()
    {
        for (int i = 0; i < _bankA.Length; i++)
        {
            float[]? initial = i < Spec.InitialStates.Count ? Spec.InitialStates[i] : null;
            if (initial is null)
            {
                _bankA[i].Span.Clear();
            }
            else
            {
                initial.CopyTo(_bankA[i].Span);
            }

            // Bank B is written before it is read; cleared so nothing stale is ever visible.
            _bankB[i].Span.Clear();
        }
    }

    private static T Own<T>(List<IDisposable> owned, T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private OrtIoBinding Bind(NativeTensor[] from, NativeTensor[] to)
    {
        OrtIoBinding binding = _session.CreateIoBinding();
        try
        {
            binding.BindInput(Spec.InputName, _input.Value);
            binding.BindOutput(Spec.OutputName, _output.Value);
            for (int i = 0; i < _noise.Length; i++)
            {
                binding.BindInput(Spec.NoiseInputs[i].Name, _noise[i].Value);
            }

            for (int i = 0; i < from.Length; i++)
            {
                binding.BindInput(Spec.States[i].Input, from[i].Value);
                binding.BindOutput(Spec.States[i].Output, to[i].Value);
            }

            return binding;
        }
        catch
        {
            binding.Dispose();
            throw;
        }
    }
}
