using System.Collections.Concurrent;
using System.Globalization;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Ui;
using LatentPlayground.Core.Xy;
using LatentPlayground.Xy;

namespace LatentPlayground.Pedal;

/// <summary>
/// The XY part of the pedal's state, the reference device's Control module: the mapping being built (its groups,
/// points and trained network), the point selected, a TRAIN running on its own thread, and PREDICT. While
/// <c>xy.predict</c> is on and the mapping is trained, every tick that finds X or Y moved (knob, expression pedal,
/// CC, encoder) runs the network and moves the mapped parameters as a knob would: they reach the engine with the
/// tick's other moves, and the hop stage glides offsets and scale across hop boundaries as it does for any move.
/// Predicting here, not on the inference thread, keeps one owner of the parameters: the display shows the values
/// that play, a save stores them, and MAP mode starts from where PREDICT left them.
/// The mapping being built is kept in the state folder (<see cref="XyFileName"/>) across restarts; a preset saved
/// with points carries a copy beside it, and recalling a preset that names one loads it off this thread.
/// Thread: the control thread, as the rest of the reducer.
/// </summary>
public sealed partial class PedalReducer
{
    /// <summary>The mapping being built, in the state folder.</summary>
    public const string XyFileName = "xy.json";

    /// <summary>A first RESET arms it; a second within this many seconds clears the mapping.</summary>
    public const double XyResetWindowSeconds = 3;

    /// <summary>What a new mapping drives: offsets and scale morph smoothly; seeds and times, which jump, are opt-in.</summary>
    public const XyGroups DefaultXyGroups = XyGroups.Offset | XyGroups.Scale;

    private XyMapping _xy = new(DefaultXyGroups);
    private double[] _xyValues = new double[new XyMapping(DefaultXyGroups).Parameters.Count];
    private int _xySelected = -1;
    private long _xyVersion;
    private XyTrainingRun? _xyTraining;
    private double _xyResetArmedAt = double.NegativeInfinity;
    private bool _xyPredicted;
    private double _xyAtX = double.NaN;
    private double _xyAtY = double.NaN;
    private XyNetwork? _xyNetworkUsed;
    private long _xyLoadsAsked;

    // Mappings read off the control thread (a recalled preset's), tagged with the request they answer.
    private readonly ConcurrentQueue<(long Request, string Path, XyMapping? Mapping, string? Error)> _xyLoads = new();

    /// <summary>The mapping being built or played.</summary>
    public XyMapping XyMapping => _xy;

    /// <summary>The point UPDATE and DELETE act on, 0-based; -1 for none.</summary>
    public int XySelected => _xySelected;

    /// <summary>True while a TRAIN runs.</summary>
    public bool XyTraining => _xyTraining is not null;

    /// <summary>What the XY page shows, written into <paramref name="into"/>. Allocation-free.</summary>
    public void DescribeXy(XyPanelState into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.SetPoints(_xy.Points);
        into.Selected = _xySelected;
        into.Groups = _xy.Groups;
        into.Training = _xyTraining is not null;
        into.Progress = _xyTraining?.Progress ?? 0;
        into.Loss = _xy.Loss;
        into.ResetArmed = Now - _xyResetArmedAt < XyResetWindowSeconds;
    }

    // At start: the mapping the pedal was building when it last stopped. A damaged file is said and left on disk for
    // the player to look at; the pedal starts with an empty mapping and writes over it only once that one changes.
    private void RestoreXy()
    {
        string path = Path.Combine(_writer.Folder, XyFileName);
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            UseXy(XyFiles.Load(path));
        }
        catch (Exception e) when (e is XyFormatException or Files.InputFileException or IOException or UnauthorizedAccessException)
        {
            _log.Warning($"XY mapping not restored: {e.Message}; starting with an empty one");
            Show("XY map bad\n(see the log)");
        }
    }

    private void ActOnXy(PedalAction action)
    {
        switch (action)
        {
            case PedalAction.XyAdd:
                if (_xy.Points.Count >= XyMapping.MaxPoints)
                {
                    Show(string.Create(CultureInfo.InvariantCulture, $"XY map full\n{XyMapping.MaxPoints} points"));
                    return;
                }

                // A first point fixes the dimensions: the model playing now, so only its existing ones are mapped.
                if (_xy.Points.Count == 0 && _xy.Dimensions != ModelDimensions())
                {
                    UseXy(new XyMapping(_xy.Groups, ModelDimensions()));
                }

                _xy.Add(_current[ParameterId.XyX], _current[ParameterId.XyY], _current);
                _xySelected = _xy.Points.Count - 1;
                XyChanged();
                Show(string.Create(CultureInfo.InvariantCulture, $"Point {_xy.Points.Count} added"));
                break;
            case PedalAction.XyUpdate when _xySelected >= 0:
                _xy.Update(_xySelected, _current[ParameterId.XyX], _current[ParameterId.XyY], _current);
                XyChanged();
                Show(string.Create(CultureInfo.InvariantCulture, $"Point {_xySelected + 1} updated"));
                break;
            case PedalAction.XyDelete when _xySelected >= 0:
                _xy.Delete(_xySelected);
                Show(string.Create(CultureInfo.InvariantCulture, $"Point {_xySelected + 1} deleted"));
                _xySelected = Math.Min(_xySelected, _xy.Points.Count - 1);
                XyChanged();
                break;
            case PedalAction.XyUpdate or PedalAction.XyDelete:
                Show("No point\nselected");
                break;
            case PedalAction.XyTrain:
                StartXyTraining();
                break;
            case PedalAction.XyReset:
                if (Now - _xyResetArmedAt >= XyResetWindowSeconds)
                {
                    _xyResetArmedAt = Now;
                    Show("RESET XY map?\npush again");
                    return;
                }

                _xyResetArmedAt = double.NegativeInfinity;
                _xy.Reset();
                _xySelected = -1;
                XyChanged();
                Show("XY map reset");
                break;
            default:
                break;
        }
    }

    // The encoder on the XY page: the point row selects (in MAP mode the pad and the mapped settings go to the point,
    // so what UPDATE or DELETE would act on can be heard first); the groups row steps through the 15 choices while
    // the mapping has no points (its points hold exactly the groups' parameters).
    private void ChangeXySetting(PanelSetting setting, int step)
    {
        switch (setting)
        {
            case PanelSetting.XyPoint when _xy.Points.Count > 0:
                _xySelected = Math.Clamp(_xySelected + Math.Sign(step), 0, _xy.Points.Count - 1);
                if (!_current.IsOn(ParameterId.XyPredict))
                {
                    GoToPoint(_xy.Points[_xySelected]);
                }

                break;
            case PanelSetting.XyGroups when _xy.Points.Count > 0:
                Show("Groups fixed\nRESET to change");
                break;
            case PanelSetting.XyGroups:
                int groups = (((int)_xy.Groups - 1 + Math.Sign(step) + 15) % 15) + 1;
                UseXy(new XyMapping((XyGroups)groups, ModelDimensions()));
                XyChanged();
                break;
            default:
                break;
        }
    }

    private void GoToPoint(XyMapPoint point)
    {
        Set(ParameterId.XyX, point.X);
        Set(ParameterId.XyY, point.Y);
        for (int i = 0; i < point.Values.Count; i++)
        {
            Set(_xy.Parameters[i], point.Values[i]);
        }
    }

    private void StartXyTraining()
    {
        if (_xy.Points.Count == 0)
        {
            Show("No points\nADD some first");
            return;
        }

        if (_xyTraining is not null)
        {
            return;
        }

        _xyTraining = new XyTrainingRun(_xy.Clone(), _xyVersion);
        _log.Info(string.Create(CultureInfo.InvariantCulture, $"XY: training on {_xy.Points.Count} points"));
    }

    // Each tick, before the moves go out: a mapping loaded for a recalled preset, a finished TRAIN, then PREDICT.
    private void TickXy()
    {
        TakeXyLoads();
        TakeXyTraining();

        // A recall this tick sets X, Y and the mode from the preset at commit: predicting now would use the old ones.
        bool predicting = _current.IsOn(ParameterId.XyPredict) && _xy.Network is not null && _pendingRecall < 0;
        if (predicting)
        {
            double x = _current[ParameterId.XyX];
            double y = _current[ParameterId.XyY];
            if (!_xyPredicted || x != _xyAtX || y != _xyAtY || !ReferenceEquals(_xy.Network, _xyNetworkUsed))
            {
                _ = _xy.Predict(x, y, _xyValues);
                for (int i = 0; i < _xyValues.Length; i++)
                {
                    ParameterId id = _xy.Parameters[i];
                    if (_current[id] != _xyValues[i])
                    {
                        Set(id, _xyValues[i]);
                    }
                }

                _xyAtX = x;
                _xyAtY = y;
                _xyNetworkUsed = _xy.Network;
            }
        }

        _xyPredicted = predicting;
    }

    private void TakeXyTraining()
    {
        if (_xyTraining is not XyTrainingRun run || !run.Done)
        {
            return;
        }

        _xyTraining = null;
        run.Dispose();
        if (run.Result is not XyTrainingResult result)
        {
            if (run.Error != "cancelled")
            {
                _log.Warning($"XY: training failed: {run.Error}");
                Show("XY train failed\n(see the log)");
            }

            return;
        }

        if (run.Version != _xyVersion)
        {
            _log.Info("XY: the points changed while training; TRAIN again for the new ones");
            Show("Points changed\nTRAIN again");
            return;
        }

        _xy.Adopt(result.Network, result.FinalLoss);
        string loss = FormatLoss(result.FinalLoss);
        _log.Notice(string.Create(CultureInfo.InvariantCulture, $"XY: trained on {run.Points} points, {run.Epochs} epochs: loss {loss}"));
        Show("Trained\nloss " + loss);
        SaveXyState();
    }

    private static string FormatLoss(double loss) =>
        loss.ToString(loss >= 0.001 ? "0.0000" : "0.0e0", CultureInfo.InvariantCulture);

    // A preset's mapping, read on a worker; the answer comes back through the queue.
    private void LoadPresetXy(string reference)
    {
        string path = XyFiles.Beside(Path.Combine(_bankFolder, "preset.json"), reference);
        long request = ++_xyLoadsAsked;
        _ = Task.Run(() =>
        {
            try
            {
                _xyLoads.Enqueue((request, path, XyFiles.Load(path), null));
            }
            catch (Exception e) when (e is XyFormatException or Files.InputFileException or IOException or UnauthorizedAccessException)
            {
                _xyLoads.Enqueue((request, path, null, e.Message));
            }
        });
    }

    private void TakeXyLoads()
    {
        while (_xyLoads.TryDequeue(out (long Request, string Path, XyMapping? Mapping, string? Error) load))
        {
            if (load.Error is string error)
            {
                // The mapping playing stays: a damaged file beside a preset must not take the player's map away.
                _log.Warning($"XY mapping not loaded: {error}; keeping the current one");
                Show("XY map bad\n(see the log)");
            }
            else if (load.Request == _xyLoadsAsked && load.Mapping is XyMapping mapping)
            {
                // Only the latest recall's mapping counts: an earlier one finishing late is not what plays.
                UseXy(mapping);
                _xySelected = -1;
                XyChanged(untrained: false);
                _log.Info($"XY mapping {load.Path}: {mapping.Points.Count} points, {(mapping.Network is null ? "untrained" : "trained")}");
            }
        }
    }

    private void UseXy(XyMapping mapping)
    {
        _xyTraining?.Dispose();
        _xyTraining = null;
        _xy = mapping;
        _xyValues = new double[mapping.Parameters.Count];
        _xyNetworkUsed = null;
    }

    // Points or groups changed: a TRAIN under way is for the old ones, and the mapping is saved.
    private void XyChanged(bool untrained = true)
    {
        if (untrained)
        {
            _xyVersion++;
        }

        SaveXyState();
    }

    private void SaveXyState() => _writer.RequestXy(Path.Combine(_writer.Folder, XyFileName), _xy.Clone(), tell: false);

    // The mapping as it is, for a preset being saved: a copy beside the preset, named after it; null when it has no points.
    private string? SaveXyFor(string presetFileName)
    {
        if (_xy.Points.Count == 0)
        {
            return null;
        }

        string name = Path.GetFileNameWithoutExtension(presetFileName) + ".xy.json";
        _writer.RequestXy(Path.Combine(_bankFolder, name), _xy.Clone(), tell: true);
        return name;
    }

    private int ModelDimensions()
    {
        int size = _models?.CurrentCodec.Codec.LatentSize ?? _engine.ReadSnapshot().LatentSize;
        return size <= 0 ? DimensionParameters.Count : Math.Min(size, DimensionParameters.Count);
    }
}
