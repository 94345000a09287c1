using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Presets;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Pedal;

namespace LatentPlayground.Tests.Pedal;

/// <summary>
/// The looper's control side over a real looper (the test plays the hop stage's thread): a capture reaches the
/// reducer once, a pattern asked for is made and starts at the next bar line, and the loop material is saved with a
/// preset and comes back with it.
/// </summary>
public sealed class PedalReducerLoopTests
{
    // 8 latent frames a second at 120 BPM: 16 frames a bar.
    private const double Rate = 8;

    [Fact]
    public void A_capture_reaches_the_reducer_and_a_pattern_asked_for_plays_from_the_next_bar_line()
    {
        using var rig = new ReducerRig();
        var looper = new LatentLooper(8, Rate);
        rig.Engine.Looper = looper;
        var hops = new HopPlayer(looper);
        hops.Play(40); // two and a half bars of the encoder (dimension 1 = the hop's number)

        rig.Reducer.Handle(PedalEvent.Act(PedalAction.LoopCapture, PedalInput.Footswitch));
        rig.Run(10);
        hops.Apply(rig.Engine);
        hops.Play(1);
        rig.Run(10);
        LatentArray material = Assert.IsType<LatentArray>(rig.Reducer.LoopMaterial);
        Assert.Equal(32, material.Frames); // the default two bars, ending on the bar line at hop 32
        Assert.Equal(0.0, material[0, 0]);
        Assert.Equal(31.0, material[31, 0]);
        Assert.Contains("loop: captured 32 frames (2 bars)", rig.Log.ToString(), StringComparison.Ordinal);

        // fibo from the knob: the pattern (1, 2, 3, 5, 8 ... rows from the start) is offered and starts at hop 48.
        rig.Reducer.Handle(PedalEvent.Set(ParameterId.LoopPattern, 1, PedalInput.Knob));
        rig.Run(10);
        float[] beforeBar = hops.Play(7); // hops 41..47: the capture, until the bar line at hop 48 (beat 12)
        Assert.Equal(15, beforeBar[0], 3); // beat 11.75 of an 8-beat loop from beat 0: frame 15
        float[] inPattern = hops.Play(9); // hops 48..56: the crossfade, then the pattern at beat 14
        LatentArray fibo = FiboPattern.Apply(material);
        // Its length in whole bars (each capture length keeps its two bars), read between frames as the loop fits it.
        double beats = Math.Round(fibo.Frames * 8.0 / material.Frames / 4) * 4;
        double position = 14 % beats / beats * fibo.Frames;
        int row = (int)position;
        double expected = fibo[row, 0] + ((position - row) * (fibo[(row + 1) % fibo.Frames, 0] - fibo[row, 0]));
        Assert.Equal(expected, inPattern[0], 3);
        Assert.Equal(beats / 4, looper.Bars);
    }

    [Fact]
    public void Loop_material_is_saved_with_a_preset_and_restored_with_it()
    {
        using var rig = new ReducerRig();
        var looper = new LatentLooper(8, Rate);
        rig.Engine.Looper = looper;
        var hops = new HopPlayer(looper);
        hops.Play(40);
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.LoopCapture, PedalInput.Footswitch));
        rig.Run(10);
        hops.Apply(rig.Engine);
        hops.Play(1);
        rig.Run(10);
        LatentArray captured = rig.Reducer.LoopMaterial!;

        rig.Reducer.Handle(PedalEvent.Act(PedalAction.SavePreset, PedalInput.Footswitch));
        rig.Run(10);
        rig.Reducer.SaveState();
        string presetPath = Path.Combine(rig.BankFolder, rig.Bank.Entries[0].FileName);
        Preset onDisk = PresetJson.Parse(File.ReadAllText(presetPath), presetPath);
        Assert.Equal(Path.GetFileNameWithoutExtension(presetPath) + PedalReducer.LatentsSuffix, onDisk.Latents);

        // Another preset, a new capture of other material, then the saved preset again: its material comes back.
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.NextPreset, PedalInput.Footswitch));
        rig.Run(10);
        hops.Offset = 1000;
        hops.Play(40);
        rig.Reducer.Handle(PedalEvent.Act(PedalAction.LoopCapture, PedalInput.Footswitch));
        rig.Run(10);
        hops.Apply(rig.Engine);
        hops.Play(1);
        rig.Run(10);
        Assert.NotEqual(captured[0, 0], rig.Reducer.LoopMaterial![0, 0]);

        rig.Reducer.Handle(PedalEvent.Recall(0, PedalInput.Midi));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (rig.Reducer.LoopMaterial![0, 0] != captured[0, 0] && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(5);
            rig.Run(10);
        }

        Assert.Equal(captured.Values.ToArray().Select(v => (float)v), rig.Reducer.LoopMaterial.Values.ToArray().Select(v => (float)v));
        Assert.DoesNotContain("warning", rig.Log.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Plays the hop stage's side of the looper: the engine's values as the reducer sent them, 120 BPM from beat 0.</summary>
    private sealed class HopPlayer(LatentLooper looper)
    {
        private readonly double[] _parameters = Defaults();
        private readonly float[] _latent = new float[looper.Dimensions];
        private long _hop;

        /// <summary>Added to dimension 1 (the hop's number), so two captures differ.</summary>
        public double Offset { get; set; }

        /// <summary>The changes the reducer posted so far, as the engine would take them.</summary>
        public void Apply(RecordingEngine engine)
        {
            var targets = new Core.Engine.ParameterTargets();
            foreach (var change in engine.Changes)
            {
                _ = targets.Apply(change);
            }

            targets.Values.CopyTo(_parameters);
        }

        public float[] Play(int hops)
        {
            var encoded = new float[looper.Dimensions];
            for (int i = 0; i < hops; i++, _hop++)
            {
                encoded[0] = (float)(_hop + Offset);
                var tempo = new TempoState(120, true, _hop * 120.0 / 60 / Rate);
                looper.Record(encoded, _parameters, tempo);
                if (!looper.TryRead(_hop, tempo, _latent))
                {
                    encoded.CopyTo(_latent, 0);
                }
            }

            return _latent;
        }

        private static double[] Defaults()
        {
            var p = new double[ParameterTable.Count];
            foreach (ParameterDescriptor d in ParameterTable.All)
            {
                p[(int)d.Id] = d.Default;
            }

            return p;
        }
    }
}
