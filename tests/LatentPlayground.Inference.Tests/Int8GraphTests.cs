namespace LatentPlayground.Inference.Tests;

/// <summary>
/// The int8 graphs are only worth shipping if ONNX Runtime really runs their convolutions as int8
/// kernels. It fuses DequantizeLinear → Conv → QuantizeLinear into QLinearConv when it can; when it
/// cannot, it silently dequantises the weights and runs a float Conv, slower than fp32. The optimised
/// graph ONNX Runtime dumps shows which happened.
/// </summary>
public sealed class Int8GraphTests
{
    // Kernels that run a convolution on int8/uint8 data in ONNX Runtime's CPU provider.
    private static readonly HashSet<string> Int8ConvOps = ["QLinearConv", "NhwcQLinearConv", "ConvInteger"];

    [Int8GraphFact]
    public void Quantised_convolutions_run_as_int8_kernels()
    {
        foreach (string package in TestPackages.WithInt8)
        {
            foreach (string graph in (string[])["encoder.int8.onnx", "decoder.int8.onnx"])
            {
                string path = Path.Combine(package, graph);
                IReadOnlyList<OnnxNode> original = OnnxNodes.Read(path);
                int quantised = QuantisedConvolutions(original);
                Assert.True(quantised > 0, $"{path}: no convolution has a quantised weight");

                IReadOnlyList<OnnxNode> optimised = Optimise(path);
                int int8 = optimised.Count(n => Int8ConvOps.Contains(n.OpType));
                var producers = optimised.SelectMany(n => n.Outputs.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
                string[] dequantised = [.. optimised
                    .Where(n => n.OpType is "Conv" or "FusedConv" && n.Inputs.Count > 1
                        && producers.TryGetValue(n.Inputs[1], out OnnxNode? w) && w.OpType == "DequantizeLinear")
                    .Select(n => n.Name)];

                Assert.True(dequantised.Length == 0, $"{path}: float convolutions over dequantised weights: {string.Join(", ", dequantised)}");
                Assert.True(int8 >= quantised, $"{path}: {quantised} quantised convolutions, but only {int8} int8 kernels after optimisation");
            }
        }
    }

    /// <summary>Conv nodes (not ConvTranspose) whose weight comes out of a DequantizeLinear: what the exporter quantised.</summary>
    private static int QuantisedConvolutions(IReadOnlyList<OnnxNode> nodes)
    {
        var dequantisedOutputs = nodes.Where(n => n.OpType == "DequantizeLinear").SelectMany(n => n.Outputs).ToHashSet();
        return nodes.Count(n => n.OpType == "Conv" && n.Inputs.Count > 1 && dequantisedOutputs.Contains(n.Inputs[1]));
    }

    private static IReadOnlyList<OnnxNode> Optimise(string path)
    {
        string dump = Path.Combine(Path.GetTempPath(), $"lp-optimised-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = RealtimeSessionOptions.Create(dump))
            using (new Microsoft.ML.OnnxRuntime.InferenceSession(path, options))
            {
            }

            return OnnxNodes.Read(dump);
        }
        finally
        {
            File.Delete(dump);
        }
    }
}
