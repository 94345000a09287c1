using System.Collections.Concurrent;
using System.Globalization;
using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;

namespace LatentPlayground.Pedal;

/// <summary>
/// The latent looper's control side. A capture (footswitch or CC action <c>loop-capture</c>, or the loop page's
/// Capture row) goes to the engine as the <c>loop.capture</c> action and turns <c>loop</c> on; the engine's looper
/// takes the last <c>loop.bars</c> bars and plays them at once. Each tick takes a new capture from the looper and,
/// when the pattern, its source or the amount ask for more than the capture as played, makes the pattern here (it
/// allocates; the real-time side never does) and offers it, to start at the next bar line. A preset saved while
/// there is loop material writes it beside the preset (<c>PRESET.latents.npy</c>); recalling one loads it off this
/// thread.
/// Decisions: blender and swapper need a second array; from one capture the second is drawn from the capture's own
/// statistics (the source's law, or normal for the capture itself). A pattern keeps the capture's bars per capture
/// length and its bar line, so it stays on the band's grid whatever its length. Generation is seeded (seed 0), so
/// the same capture and settings always make the same loop.
/// Thread: the control thread, as the rest of the reducer.
/// </summary>
public sealed partial class PedalReducer
{
    /// <summary>The file a preset's loop material is saved to, beside it.</summary>
    public const string LatentsSuffix = ".latents.npy";

    private LatentLooper? _looper;
    private int _loopSeen;
    private LatentArray? _loopMaterial;
    private bool _loopMaterialIsCapture;
    private double _loopBeats = 8;
    private double _loopStart;
    private (double Pattern, double Source, double Amount) _loopMade = (double.NaN, double.NaN, double.NaN);
    private long _loopLoadsAsked;
    private readonly ConcurrentQueue<(long Request, string Path, LatentArray? Array, string? Error)> _loopLoads = new();

    /// <summary>The looper's material (the last capture or a preset's), for tests and the page; null before any.</summary>
    public LatentArray? LoopMaterial => _loopMaterial;

    /// <summary>What the loop page shows, written into <paramref name="into"/>. Allocation-free.</summary>
    public void DescribeLoop(LoopPanelState into)
    {
        ArgumentNullException.ThrowIfNull(into);
        LatentLooper? looper = _engine.Looper;
        into.HasMaterial = looper?.HasMaterial ?? false;
        into.Playing = looper?.Playing ?? false;
        into.Bars = looper?.Bars ?? 0;
        into.Phase = looper?.Phase ?? 0;
    }

    // Capture: the engine takes the bars, and the loop plays.
    private void CaptureLoop()
    {
        _ = _engine.Post(new Core.Engine.ParameterChange(ParameterId.LoopCapture, 1));
        Set(ParameterId.Loop, 1);
    }

    private void TickLoop()
    {
        LatentLooper? looper = _engine.Looper;
        if (!ReferenceEquals(looper, _looper))
        {
            // Another model (or the first): its looper is empty and may have another latent size.
            _looper = looper;
            _loopSeen = 0;
            if (_loopMaterial is not null && looper is not null && _loopMaterial.Dimensions == looper.Dimensions)
            {
                _loopMaterialIsCapture = false;
                _loopMade = (double.NaN, double.NaN, double.NaN);
            }
            else
            {
                _loopMaterial = null;
            }
        }

        if (looper is null)
        {
            return;
        }

        if (looper.TryTakeCapture(ref _loopSeen, out LatentArray? capture, out double beats, out double start))
        {
            _loopMaterial = capture;
            _loopMaterialIsCapture = true;
            _loopBeats = beats;
            _loopStart = start;
            // The looper already plays the capture as played; a pattern is made below if one is asked for.
            _loopMade = (0, 0, double.NaN);
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"loop: captured {capture!.Frames} frames ({beats / LatentLooper.BeatsPerBar:0} bars)"));
        }

        TakeLoopLoads(looper);
        if (_loopMaterial is null)
        {
            return;
        }

        (double Pattern, double Source, double Amount) asked = (_current[ParameterId.LoopPattern], _current[ParameterId.LoopSource], _current[ParameterId.LoopAmount]);
        bool plain = asked.Pattern == 0 && asked.Source == 0;
        if (plain ? _loopMade.Pattern == 0 && _loopMade.Source == 0 : asked == _loopMade)
        {
            return;
        }

        _loopMade = asked;
        if (plain && _loopMaterialIsCapture)
        {
            looper.PlayCapture();
            return;
        }

        LatentArray pattern = plain ? _loopMaterial : MakePattern(_loopMaterial, (int)asked.Pattern, (int)asked.Source, asked.Amount / 100);
        // Each capture length keeps its bars, in whole bars, so the pattern stays on the grid.
        double patternBeats = Math.Max(1, Math.Round(_loopBeats * pattern.Frames / _loopMaterial.Frames / LatentLooper.BeatsPerBar)) * LatentLooper.BeatsPerBar;
        // The capture's bar line, brought to the first loop of the pattern at or after beat 0 (a capture in the first
        // bars starts before 0): the same grid.
        double from = ((_loopStart % patternBeats) + patternBeats) % patternBeats;
        looper.Offer(new LatentLoopSource(pattern, looper.LatentRate, patternBeats, LoopTempoMode.Fit, from));
    }

    private static LatentArray MakePattern(LatentArray material, int pattern, int source, double amount)
    {
        LatentStatistics statistics = LatentStatistics.Of([material]);
        LatentDistribution law = source switch
        {
            2 => LatentDistribution.Uniform,
            3 => LatentDistribution.Correlated,
            _ => LatentDistribution.Normal,
        };
        LatentArray a = source == 0 ? material : LatentGenerator.Generate(statistics, law, material.Frames, seed: 0);
        LatentArray B() => LatentGenerator.Generate(statistics, law, material.Frames, seed: 0, stream: 1);
        return pattern switch
        {
            1 => FiboPattern.Apply(a),
            2 => OralePattern.Apply(a, levels: 1, variation: Math.Max(0.01, amount)),
            3 => BlenderPattern.Apply(a, B(), repeats: 1, step: Math.Max(1, (int)Math.Ceiling(a.Frames * a.Dimensions * Math.Max(0.05, amount)))),
            4 => SwapperPattern.Apply(a, B(), repeats: SwapperPattern.DefaultRepeats, share: Math.Clamp(amount, 0.01, 1)),
            _ => a,
        };
    }

    // A preset's loop material, read on a worker; the answer comes back through the queue.
    private void LoadPresetLatents(string reference)
    {
        string path = Path.IsPathRooted(reference) ? reference : Path.Combine(_bankFolder, reference);
        long request = ++_loopLoadsAsked;
        _ = Task.Run(() =>
        {
            try
            {
                _loopLoads.Enqueue((request, path, Latents.LatentFiles.Read(path), null));
            }
            catch (Exception e) when (e is UsageException or Files.InputFileException or IOException or UnauthorizedAccessException)
            {
                _loopLoads.Enqueue((request, path, null, e.Message));
            }
        });
    }

    private void TakeLoopLoads(LatentLooper looper)
    {
        while (_loopLoads.TryDequeue(out (long Request, string Path, LatentArray? Array, string? Error) load))
        {
            if (load.Error is not null || load.Array is not LatentArray array || array.Dimensions != looper.Dimensions)
            {
                string why = load.Error ?? string.Create(CultureInfo.InvariantCulture, $"{load.Path}: {load.Array?.Dimensions} latent dimensions, but the model has {looper.Dimensions}");
                _log.Warning($"loop not loaded: {why}; keeping the current one");
                Show("Loop bad\n(see the log)");
            }
            else if (load.Request == _loopLoadsAsked)
            {
                _loopMaterial = array;
                _loopMaterialIsCapture = false;
                _loopBeats = LatentLooper.LoopBeats(_switchValues);
                _loopStart = 0;
                _loopMade = (double.NaN, double.NaN, double.NaN);
                _log.Info(string.Create(CultureInfo.InvariantCulture, $"loop {load.Path}: {array.Frames} frames"));
            }
        }
    }

    // The loop material as it is, for a preset being saved: beside the preset, named after it; null when there is none.
    private string? SaveLatentsFor(string presetFileName)
    {
        if (_loopMaterial is null)
        {
            return null;
        }

        string name = Path.GetFileNameWithoutExtension(presetFileName) + LatentsSuffix;
        _writer.RequestLatents(Path.Combine(_bankFolder, name), _loopMaterial);
        return name;
    }
}
