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
    private readonly InferenceSession session;
    private readonly RunOptions runOptions;
    private readonly NativeTensor input;
    private readonly NativeTensor output;
    private readonly NativeTensor[] bankA;
    private readonly NativeTensor[] bankB;
    private readonly NativeTensor[] noise;
    private readonly OrtIoBinding aToB;
    private readonly OrtIoBinding bToA;
    private bool readFromB;
    private bool disposed;

    public StreamingGraph(GraphSpec spec, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        Spec = spec;

        // Built step by step so a failure half-way frees whatever was already made.
        var owned = new List<IDisposable>();
        try
        {
            session = Own(owned, new InferenceSession(spec.Path, options));
            runOptions = Own(owned, new RunOptions());
            input = Own(owned, new NativeTensor([.. spec.InputShape]));
            output = Own(owned, new NativeTensor([.. spec.OutputShape]));
            bankA = new NativeTensor[spec.States.Count];
            bankB = new NativeTensor[spec.States.Count];
            for (int i = 0; i < spec.States.Count; i++)
            {
                bankA[i] = Own(owned, new NativeTensor([.. spec.States[i].Shape]));
                bankB[i] = Own(owned, new NativeTensor([.. spec.States[i].Shape]));
            }

            noise = new NativeTensor[spec.NoiseInputs.Count];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = Own(owned, new NativeTensor([.. spec.NoiseInputs[i].Shape]));
                noise[i].Span.Fill(spec.NoiseInputs[i].DeterministicValue);
            }

            LoadInitialStates();
            aToB = Own(owned, Bind(bankA, bankB));
            bToA = Own(owned, Bind(bankB, bankA));
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
    public Span<float> Input => input.Span;

    /// <summary>The signal output of the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<float> Output => output.Span;

    /// <summary>The buffer bound to noise input <paramref name="index"/> (in <see cref="GraphSpec.NoiseInputs"/> order): write it before running.</summary>
    public Span<float> Noise(int index) => noise[index].Span;

    /// <summary>Runs one hop: reads <see cref="Input"/> and the current state bank, writes <see cref="Output"/> and the other bank.</summary>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        session.RunWithBinding(runOptions, readFromB ? bToA : aToB);
        readFromB = !readFromB;
    }

    /// <summary>Puts both state banks back to their values at reset (zeros, or the package's initial states): the next hop starts as from a fresh load.</summary>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        LoadInitialStates();
        readFromB = false;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        aToB.Dispose();
        bToA.Dispose();
        for (int i = 0; i < bankA.Length; i++)
        {
            bankA[i].Dispose();
            bankB[i].Dispose();
        }

        foreach (NativeTensor n in noise)
        {
            n.Dispose();
        }

        input.Dispose();
        output.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }

    private void LoadInitialStates()
    {
        for (int i = 0; i < bankA.Length; i++)
        {
            float[]? initial = i < Spec.InitialStates.Count ? Spec.InitialStates[i] : null;
            if (initial is null)
            {
                bankA[i].Span.Clear();
            }
            else
            {
                initial.CopyTo(bankA[i].Span);
            }

            // Bank B is written before it is read; cleared so nothing stale is ever visible.
            bankB[i].Span.Clear();
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
        OrtIoBinding binding = session.CreateIoBinding();
        try
        {
            binding.BindInput(Spec.InputName, input.Value);
            binding.BindOutput(Spec.OutputName, output.Value);
            for (int i = 0; i < noise.Length; i++)
            {
                binding.BindInput(Spec.NoiseInputs[i].Name, noise[i].Value);
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
