using System.Globalization;
using LatentPlayground.Bending;
using LatentPlayground.Core.Bending;
using LatentPlayground.Core.Ui;
using LatentPlayground.Inference;

namespace LatentPlayground.Pedal;

/// <summary>
/// The bending part of the pedal's state: the pending edit's settings (layer, operation, law, chaos, amount,
/// scale, seed, Live-Mode) and the bend of the model playing. The first bending event asks the model switcher for
/// the model's fp32 graphs on live weights (INIT: one swap, with the dip to dry of any swap); once they play, every
/// change of a setting re-derives the pending edit, and each tick stages the layers whose playing values changed,
/// which the inference thread takes between two hops. A model swap to another model ends the bend.
/// Thread: the control thread, as the rest of the reducer.
/// </summary>
public sealed partial class PedalReducer
{
    /// <summary>Chaos and amount move 5 % a detent, scale 0.05.</summary>
    private const double PercentStep = 0.05;

    private ModelBend? _bend;
    private OpenedCodecRef _bendCodec;
    private bool _bendAsked;
    private bool _bendTouched;
    private int _bendLayer;
    private BendOperation _bendOperation = BendOperation.Scale;
    private BendDistribution _bendLaw = BendDistribution.Gaussian;
    private double _bendChaos = 0.5;
    private double _bendAmount = 1;
    private double _bendScale = 1;
    private uint _bendSeed;
    private bool _bendLive;
    private bool _bendLayerChosen;

    // Configurations read off the control thread (a preset's bend), waiting for the live weights to take them.
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, BendConfig? Config, float[]? Weights, string? Error)> _bendLoads = new();
    private (string Path, BendConfig Config, float[] Weights)? _bendToLoad;

    /// <summary>The bend of the model playing; null until bending's INIT has its live weights.</summary>
    public ModelBend? Bend => _bend;

    /// <summary>What the bending page shows, written into <paramref name="into"/>. Allocation-free.</summary>
    public void DescribeBend(BendPanelState into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Operation = BendConfigJson.OperationName(_bendOperation);
        into.Distribution = BendConfigJson.DistributionName(_bendLaw);
        into.Chaos = _bendChaos;
        into.Amount = _bendAmount;
        into.Scale = _bendScale;
        into.Seed = _bendSeed;
        into.Live = _bendLive;
        if (_bend is not ModelBend bend)
        {
            into.Layer = string.Empty;
            into.State = _bendAsked ? "loading" : "off";
            into.Sets = 0;
            into.StdBefore = into.StdAfter = 0;
            return;
        }

        BendSession session = bend.Session;
        into.Layer = session.Name(_bendLayer);
        into.Sets = session.UndoCount;
        into.State = session.Pending is null ? "ready" : _bendLive ? "live" : "pending";
        into.StdBefore = LayerStatistics.Of(session.Applied(_bendLayer)).StandardDeviation;
        into.StdAfter = session.PendingLayer == _bendLayer ? LayerStatistics.Of(session.PendingValues).StandardDeviation : into.StdBefore;
    }

    // Bending settings from the encoder: any of them starts INIT; once ready, a change re-derives the pending edit.
    private void ChangeBendSetting(PanelSetting setting, int step)
    {
        AskForBending();
        switch (setting)
        {
            case PanelSetting.BendLayer:
                // Before INIT has the layers, the turn is kept and placed once they are known.
                _bendLayer = _bend is null ? _bendLayer + Math.Sign(step) : Math.Clamp(_bendLayer + Math.Sign(step), 0, _bend.Session.LayerCount - 1);
                _bendLayerChosen = true;
                break;
            case PanelSetting.BendOperation:
                _bendOperation = (BendOperation)Math.Clamp((int)_bendOperation + Math.Sign(step), 0, 2);
                break;
            case PanelSetting.BendDistribution:
                _bendLaw = (BendDistribution)Math.Clamp((int)_bendLaw + Math.Sign(step), 0, 3);
                break;
            case PanelSetting.BendChaos:
                _bendChaos = Math.Round(Math.Clamp(_bendChaos + (step * PercentStep), 0, 1), 6);
                break;
            case PanelSetting.BendAmount:
                _bendAmount = Math.Round(Math.Clamp(_bendAmount + (step * PercentStep), 0, 1), 6);
                break;
            case PanelSetting.BendScale:
                _bendScale = Math.Round(Math.Clamp(_bendScale + (step * PercentStep), 0, BendStep.ScaleMax), 6);
                break;
            case PanelSetting.BendSeed:
                _bendSeed = (uint)Math.Clamp((long)_bendSeed + step, 0, 9999);
                break;
            case PanelSetting.BendLive:
                _bendLive = step > 0 || (step < 0 ? false : !_bendLive);
                if (_bend is not null)
                {
                    _bend.Session.LiveMode = _bendLive;
                }

                return;
            default:
                return;
        }

        _bendTouched = setting != PanelSetting.BendLayer || _bendTouched;
        EditPending();
    }

    // A knob on the bending page: chaos, amount or scale at its position.
    private void SetBendKnob(PanelSetting setting, double position)
    {
        AskForBending();
        position = Math.Clamp(position, 0, 1);
        switch (setting)
        {
            case PanelSetting.BendChaos:
                _bendChaos = position;
                break;
            case PanelSetting.BendAmount:
                _bendAmount = position;
                break;
            case PanelSetting.BendScale:
                _bendScale = position * BendStep.ScaleMax;
                break;
            default:
                return;
        }

        _bendTouched = true;
        EditPending();
    }

    /// <summary>The position 0..1 of a bending knob's setting, for soft takeover.</summary>
    public double BendKnobPosition(PanelSetting setting) => setting switch
    {
        PanelSetting.BendChaos => _bendChaos,
        PanelSetting.BendAmount => _bendAmount,
        PanelSetting.BendScale => _bendScale / BendStep.ScaleMax,
        _ => 0,
    };

    private void ActOnBend(PedalAction action)
    {
        AskForBending();
        if (_bend is not ModelBend bend)
        {
            return;
        }

        BendSession session = bend.Session;
        switch (action)
        {
            case PedalAction.BendSet:
                if (session.Set())
                {
                    _bendTouched = false;
                    _log.Info($"bend SET: {session.Steps.Steps[^1].LayerName} ({session.UndoCount} to recall)");
                    Show("Bend SET");
                }

                break;
            case PedalAction.BendRecall:
                bool recalled = session.Recall();
                _log.Info(recalled ? $"bend RECALL ({session.UndoCount} to recall)" : "bend RECALL: nothing to recall");
                Show(recalled ? "Bend RECALL" : "Nothing to recall");
                break;
            case PedalAction.BendRevert:
                _bendTouched = false;
                Show(session.Revert() ? "Bend REVERT" : "Nothing pending");
                break;
            case PedalAction.BendReload:
                session.Reload();
                _bendTouched = false;
                _log.Info("bend RELOAD: the model as exported");
                Show("Bend RELOAD");
                break;
            default:
                break;
        }
    }

    // INIT: the model's own fp32 graphs on live weights, through the model switcher (a swap with a dip to dry).
    private void AskForBending()
    {
        if (_bend is not null || _bendAsked)
        {
            return;
        }

        _bendAsked = true;
        if (_models is null)
        {
            _log.Warning("bending: this pedal has no model library to load live weights from");
            Show("Bending\nunavailable");
            return;
        }

        if (!_models.CurrentBendable && !_models.RequestBendable())
        {
            _log.Warning("bending: the model cannot be loaded on live weights");
            Show("Bending\nunavailable");
        }
    }

    private void EditPending()
    {
        if (_bend is not ModelBend bend || !_bendTouched)
        {
            return;
        }

        string layer = bend.Session.Name(_bendLayer);
        BendStep step = _bendOperation switch
        {
            BendOperation.Flip => BendStep.Flip(layer, _bendAmount, _bendSeed),
            BendOperation.Scale => BendStep.Scaled(layer, _bendScale, _bendAmount, _bendSeed),
            _ => BendStep.Randomised(layer, _bendLaw, _bendChaos, _bendAmount, _bendSeed),
        };
        bend.Session.Edit(step);
    }

    // Each tick: bending becomes ready once the live weights play, ends when another model plays, and hands the
    // changed layers to the inference thread.
    private void TickBending()
    {
        if (_models is null)
        {
            return;
        }

        OpenedCodecRef playing = new(_models.CurrentCodec);
        if (_bend is not null && (!_models.CurrentBendable || !playing.Equals(_bendCodec)))
        {
            _bend = null;
            _bendAsked = false;
            _log.Info("bending: another model plays; the bend ended with the old one");
        }

        if (_bend is null && _models.CurrentBendable && _models.CurrentCodec.Codec is OnnxStreamingCodec codec)
        {
            _bend = new ModelBend(codec);
            _bendCodec = playing;
            _bend.Session.LiveMode = _bendLive;
            // The decoder's layers are what a bend is heard through most directly: the list starts at its first one.
            int firstDecoder = Enumerable.Range(0, _bend.Session.LayerCount).FirstOrDefault(i => _bend.Session.Name(i).StartsWith("decoder:", StringComparison.Ordinal));
            _bendLayer = Math.Clamp(firstDecoder + (_bendLayerChosen ? _bendLayer : 0), 0, _bend.Session.LayerCount - 1);
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"bending ready: {_bend.Session.LayerCount} layers of {_bend.ModelName} on live weights (fp32)"));
            Show("Bending ready");
            EditPending();
        }

        while (_bendLoads.TryDequeue(out var loaded))
        {
            if (loaded.Config is null || loaded.Weights is null)
            {
                _log.Warning($"bending: {loaded.Error}; the model is unchanged");
                Show("Bend not loaded\n(see the log)");
            }
            else
            {
                _bendToLoad = (loaded.Path, loaded.Config, loaded.Weights);
            }
        }

        if (_bend is not null && _bendToLoad is (string path, BendConfig config, float[] weights))
        {
            _bendToLoad = null;
            try
            {
                _bend.Load(config, weights, path);
                _log.Info($"bending: {path} loaded ({config.Layers.Count} layers)");
            }
            catch (BendFormatException e)
            {
                _log.Warning($"bending: {e.Message}");
                Show("Bend not loaded\n(see the log)");
            }
        }

        _ = _bend?.Stage();
    }

    // A preset's bend: read on the thread pool (a WAV of weights can be megabytes, and the control thread polls the
    // switches), then applied by the tick once the live weights play. A preset without one leaves the bend as it is.
    private void LoadPresetBend(string bending)
    {
        string path = Path.IsPathRooted(bending) ? bending : Path.Combine(_bankFolder, bending);
        AskForBending();
        _ = Task.Run(() =>
        {
            try
            {
                (BendConfig config, float[] weights) = BendFiles.Load(path);
                _bendLoads.Enqueue((path, config, weights, null));
            }
            catch (Exception e) when (e is BendFormatException or Files.InputFileException or IOException or UnauthorizedAccessException)
            {
                _bendLoads.Enqueue((path, null, null, e.Message));
            }
        });
    }

    // The bend as it plays, for a preset being saved: its configuration beside the preset, named after it; null when
    // the model plays unbent.
    private string? SaveBendFor(string presetFileName)
    {
        if (_bend is not ModelBend bend)
        {
            return null;
        }

        string name = Path.GetFileNameWithoutExtension(presetFileName) + ".bend";
        (BendConfig config, float[] weights) = bend.Snapshot(name + ".wav");
        if (config.Layers.Count == 0)
        {
            return null;
        }

        _writer.RequestBend(Path.Combine(_bankFolder, name + ".json"), config, weights);
        return name + ".json";
    }

    /// <summary>Which open model a bend belongs to, compared by reference.</summary>
    private readonly record struct OpenedCodecRef(Render.OpenedCodec? Codec)
    {
        public bool Equals(OpenedCodecRef other) => ReferenceEquals(Codec, other.Codec);

        public override int GetHashCode() => Codec is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Codec);
    }
}
