using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LatentPlayground.Inference;

/// <summary>
/// A float tensor whose data lives in native memory this object owns, wrapped once in an
/// <see cref="OrtValue"/> that IoBindings point at. Native memory never moves, so the hop path can
/// read and write it through a span without pinning and without asking ONNX Runtime for it.
/// Thread: created and disposed on the worker thread; <see cref="Span"/> used by the hop stage.
/// </summary>
internal sealed unsafe class NativeTensor : IDisposable
{
    // Cache-line alignment suits the vectorised kernels reading these buffers.
    private const int Alignment = 64;

    private readonly long[] _shapeArray;
    private float* _data;

    public NativeTensor(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (long d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d, nameof(shape));
            count *= d;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue / sizeof(float), nameof(shape));
        Length = (int)count;
        _shapeArray = (long[])shape.Clone();
        nuint bytes = (nuint)Length * sizeof(float);
        _data = (float*)NativeMemory.AlignedAlloc(bytes, Alignment);
        NativeMemory.Clear(_data, bytes);
        Value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, _shapeArray, (IntPtr)_data, (long)bytes);
    }

    public int Length { get; }

    public IReadOnlyList<long> Shape => _shapeArray;

    public OrtValue Value { get; }

    public Span<float> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data == null, this);
            return new Span<float>(_data, Length);
        }
    }

    public void Dispose()
    {
        if (_data == null)
        {
            return;
        }

        // The OrtValue only borrows the memory: release it first so nothing points at freed memory.
        Value.Dispose();
        NativeMemory.AlignedFree(_data);
        _data = null;
    }
}
