using Microsoft.ML.OnnxRuntime;

namespace LatentPlayground.Inference;

/// <summary>
/// ONNX Runtime session options for a graph run on the inference thread. Thread: any (pure construction).
/// </summary>
internal static class RealtimeSessionOptions
{
    /// <summary>Options for running a graph on a real-time thread.</summary>
    /// <param name="optimizedModelPath">Where ONNX Runtime writes the graph it really runs, for inspection; null for nowhere.</param>
    public static SessionOptions Create(string? optimizedModelPath = null)
    {
        var options = new SessionOptions
        {
            // One thread, the caller's: the inference thread already has its own core and priority,
            // and a pool of helper threads would run at normal priority and compete with the audio thread.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Failures reach the caller as exceptions; warnings printed to stderr would break the
            // CLI's one-line errors and have no reader on the pedal.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        try
        {
            // Spinning pool threads would burn the cores the audio thread and the UI need between hops.
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            if (optimizedModelPath is not null)
            {
                options.OptimizedModelFilePath = optimizedModelPath;
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>Options for only reading a graph's inputs and outputs while validating a package: no optimisation work.</summary>
    public static SessionOptions ForInspection()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        return options;
    }
}
