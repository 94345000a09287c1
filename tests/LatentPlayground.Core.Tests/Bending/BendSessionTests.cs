using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

/// <summary>
/// The whole <see cref="BendSession"/> state machine: INIT snapshots the caller's layers; an edit is pending, derived
/// from the layer as applied, and plays only in Live-Mode; REVERT drops it; SET applies it and records the step;
/// RECALL undoes SETs exactly, newest first, up to <see cref="BendSession.UndoDepth"/>; RELOAD restores the original
/// model bit for bit; <see cref="BendSession.TakeChanged"/> reports each layer whose playing values changed once;
/// loading a configuration's layer; an unknown layer is refused by name; and a Live-Mode knob sweep allocates nothing.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class BendSessionTests
{
    private const string A = "decoder:a.weight";
    private const string B = "decoder:b.bias";
    private const string C = "encoder:c.weight";

    private readonly float[] _a = BendLayers.Learned(4096);
    private readonly float[] _b = BendLayers.Learned(64).Select(v => v * -3f).ToArray();
    private readonly float[] _c = BendLayers.Learned(1000).Select(v => v + 0.5f).ToArray();

    private BendSession NewSession() => new([(A, _a), (B, _b), (C, _c)]);

    private static List<int> TakeAll(BendSession session)
    {
        var layers = new List<int>();
        while (session.TakeChanged(out int layer))
        {
            layers.Add(layer);
        }

        return layers;
    }

    private static float[] Expected(in BendStep step, ReadOnlySpan<float> from)
    {
        var result = new float[from.Length];
        WeightBender.Apply(step, from, result);
        return result;
    }

    [Fact]
    public void Init_snapshots_the_layers_so_changing_the_callers_arrays_afterwards_changes_nothing()
    {
        float[] original = (float[])_a.Clone();
        BendSession session = NewSession();
        _a[0] = 99f;
        Array.Fill(_b, 0f);

        Assert.Equal(3, session.LayerCount);
        Assert.Equal([A, B, C], Enumerable.Range(0, 3).Select(session.Name));
        Assert.Equal(1, session.IndexOf(B));
        Assert.Equal(-1, session.IndexOf("decoder:nope"));
        Assert.True(BendLayers.BitEqual(original, session.Pristine(0)));
        Assert.True(BendLayers.BitEqual(original, session.Applied(0)));
        Assert.True(BendLayers.BitEqual(original, session.Playing(0)));
        Assert.DoesNotContain(0f, session.Pristine(1).ToArray());
        Assert.Null(session.Pending);
        Assert.Equal(-1, session.PendingLayer);
        Assert.True(session.PendingValues.IsEmpty);
        Assert.Same(Bend.Empty, session.Steps);
        Assert.Equal(0, session.UndoCount);
        Assert.False(session.LiveMode);
        Assert.Empty(TakeAll(session));
    }

    [Fact]
    public void An_edit_is_pending_derived_from_the_applied_layer_and_changes_neither_applied_nor_playing()
    {
        BendSession session = NewSession();
        BendStep step = BendStep.Scaled(C, 2.5, amount: 0.5, seed: 3);
        session.Edit(step);

        Assert.Equal(step, session.Pending);
        Assert.Equal(2, session.PendingLayer);
        Assert.True(BendLayers.BitEqual(Expected(step, _c), session.PendingValues));
        Assert.True(BendLayers.BitEqual(_c, session.Applied(2)));
        Assert.True(BendLayers.BitEqual(_c, session.Playing(2)));
        Assert.Empty(TakeAll(session));
        Assert.Same(Bend.Empty, session.Steps);

        // On top of a SET, the edit starts from the applied (flipped) layer, not the pristine one.
        session.Edit(BendStep.Flip(C));
        Assert.True(session.Set());
        float[] flipped = session.Applied(2).ToArray();
        session.Edit(step);
        Assert.True(BendLayers.BitEqual(Expected(step, flipped), session.PendingValues));
        Assert.False(BendLayers.BitEqual(Expected(step, _c), session.PendingValues));
    }

    [Fact]
    public void A_new_edit_replaces_the_pending_one_even_on_another_layer()
    {
        BendSession session = NewSession();
        session.Edit(BendStep.Flip(A));
        BendStep other = BendStep.Randomised(B, BendDistribution.Laplace, 0.7, seed: 9);
        session.Edit(other);

        Assert.Equal(other, session.Pending);
        Assert.Equal(1, session.PendingLayer);
        Assert.Equal(_b.Length, session.PendingValues.Length);
        Assert.True(BendLayers.BitEqual(Expected(other, _b), session.PendingValues));
        Assert.True(session.Set());
        Assert.True(BendLayers.BitEqual(_a, session.Applied(0)));
        Assert.Equal([other], session.Steps.Steps.ToArray());
    }

    [Fact]
    public void Revert_drops_the_pending_edit_and_leaves_every_layer_as_it_was()
    {
        BendSession session = NewSession();
        Assert.False(session.Revert());
        session.Edit(BendStep.Scaled(A, 0));

        Assert.True(session.Revert());
        Assert.Null(session.Pending);
        Assert.Equal(-1, session.PendingLayer);
        Assert.True(session.PendingValues.IsEmpty);
        Assert.True(BendLayers.BitEqual(_a, session.Applied(0)));
        Assert.True(BendLayers.BitEqual(_a, session.Playing(0)));
        Assert.Empty(TakeAll(session));
        Assert.False(session.Revert());
        Assert.False(session.Set());
        Assert.Same(Bend.Empty, session.Steps);
    }

    [Fact]
    public void Set_applies_the_pending_values_records_the_step_and_reports_the_layer_once()
    {
        BendSession session = NewSession();
        Assert.False(session.Set());
        BendStep step = BendStep.Randomised(A, BendDistribution.Gaussian, 0.4, amount: 0.3, seed: 5);
        session.Edit(step);
        float[] pending = session.PendingValues.ToArray();

        Assert.True(session.Set());
        Assert.True(BendLayers.BitEqual(pending, session.Applied(0)));
        Assert.True(BendLayers.BitEqual(pending, session.Playing(0)));
        Assert.True(BendLayers.BitEqual(_a, session.Pristine(0)));
        Assert.Equal([step], session.Steps.Steps.ToArray());
        Assert.Null(session.Pending);
        Assert.Equal(-1, session.PendingLayer);
        Assert.Equal(1, session.UndoCount);
        Assert.Equal([0], TakeAll(session));
        Assert.False(session.Set());
    }

    [Fact]
    public void Recall_undoes_each_set_exactly_newest_first_then_returns_false()
    {
        BendSession session = NewSession();
        Assert.False(session.Recall());
        BendStep[] steps =
        [
            BendStep.Scaled(A, 1.7, amount: 0.6, seed: 1),
            BendStep.Flip(B),
            BendStep.Randomised(A, BendDistribution.Beta, 0.5, seed: 2),
            BendStep.Randomised(C, BendDistribution.Uniform, 1.0, amount: 0.25, seed: 3),
        ];
        var before = new List<float[][]>();
        foreach (BendStep step in steps)
        {
            before.Add([session.Applied(0).ToArray(), session.Applied(1).ToArray(), session.Applied(2).ToArray()]);
            session.Edit(step);
            Assert.True(session.Set());
        }

        _ = TakeAll(session);
        for (int i = steps.Length - 1; i >= 0; i--)
        {
            Assert.True(session.Recall());
            for (int layer = 0; layer < 3; layer++)
            {
                Assert.True(BendLayers.BitEqual(before[i][layer], session.Applied(layer)), $"layer {layer} after recalling step {i}");
            }

            Assert.Equal(steps[..i], session.Steps.Steps.ToArray());
            Assert.Equal([session.IndexOf(steps[i].LayerName)], TakeAll(session));
        }

        Assert.False(session.Recall());
        Assert.Equal(0, session.UndoCount);
        for (int layer = 0; layer < 3; layer++)
        {
            Assert.True(BendLayers.BitEqual(session.Pristine(layer), session.Applied(layer)));
        }
    }

    [Fact]
    public void Recall_drops_a_pending_edit_too()
    {
        BendSession session = NewSession();
        session.Edit(BendStep.Flip(A));
        Assert.True(session.Set());
        session.Edit(BendStep.Scaled(B, 3));

        Assert.True(session.Recall());
        Assert.Null(session.Pending);
        Assert.True(BendLayers.BitEqual(_a, session.Applied(0)));
        Assert.True(BendLayers.BitEqual(_b, session.Applied(1)));
        Assert.Empty(session.Steps.Steps.ToArray());
    }

    [Fact]
    public void Recall_reaches_back_at_most_undo_depth_sets_and_older_ones_stay_applied()
    {
        BendSession session = NewSession();
        int sets = BendSession.UndoDepth + 3;
        var applied = new List<float[]> { session.Applied(0).ToArray() };
        for (int i = 0; i < sets; i++)
        {
            session.Edit(BendStep.Randomised(A, BendDistribution.Gaussian, 0.1, amount: 0.5, seed: (uint)i));
            Assert.True(session.Set());
            applied.Add(session.Applied(0).ToArray());
        }

        Assert.Equal(BendSession.UndoDepth, session.UndoCount);
        Assert.Equal(sets, session.Steps.Steps.Length);
        for (int i = 0; i < BendSession.UndoDepth; i++)
        {
            Assert.True(session.Recall());
        }

        Assert.False(session.Recall());
        Assert.Equal(0, session.UndoCount);
        Assert.Equal(sets - BendSession.UndoDepth, session.Steps.Steps.Length);
        Assert.True(BendLayers.BitEqual(applied[sets - BendSession.UndoDepth], session.Applied(0)));
        Assert.False(BendLayers.BitEqual(_a, session.Applied(0)));
    }

    [Fact]
    public void Reload_restores_every_layer_bit_for_bit_and_clears_the_steps_and_the_undo_history()
    {
        BendSession session = NewSession();
        session.Edit(BendStep.Scaled(A, 4));
        Assert.True(session.Set());
        session.Edit(BendStep.Randomised(C, BendDistribution.Laplace, 1.0, seed: 11));
        Assert.True(session.Set());
        session.LiveMode = true;
        session.Edit(BendStep.Flip(A));
        _ = TakeAll(session);

        session.Reload();
        Assert.True(BendLayers.BitEqual(_a, session.Applied(0)));
        Assert.True(BendLayers.BitEqual(_b, session.Applied(1)));
        Assert.True(BendLayers.BitEqual(_c, session.Applied(2)));
        for (int layer = 0; layer < 3; layer++)
        {
            Assert.True(BendLayers.BitEqual(session.Pristine(layer), session.Playing(layer)));
        }

        Assert.Null(session.Pending);
        Assert.Same(Bend.Empty, session.Steps);
        Assert.Equal(0, session.UndoCount);
        Assert.False(session.Recall());

        // The layers that were bent (or played an edit) are reported once; the untouched one is not.
        Assert.Equal([0, 2], TakeAll(session).Order());
        session.Reload();
        Assert.Empty(TakeAll(session));
    }

    [Fact]
    public void In_live_mode_an_edit_plays_at_once_and_revert_puts_the_layer_back()
    {
        BendSession session = NewSession();
        session.LiveMode = true;
        Assert.Empty(TakeAll(session));
        BendStep step = BendStep.Scaled(B, 0.25);
        session.Edit(step);

        Assert.True(BendLayers.BitEqual(Expected(step, _b), session.Playing(1)));
        Assert.True(BendLayers.BitEqual(_b, session.Applied(1)));
        Assert.True(BendLayers.BitEqual(_a, session.Playing(0)));
        Assert.Equal([1], TakeAll(session));

        session.Edit(step with { Scale = 3 });
        Assert.True(BendLayers.BitEqual(Expected(step with { Scale = 3 }, _b), session.Playing(1)));
        Assert.Equal([1], TakeAll(session));

        Assert.True(session.Revert());
        Assert.True(BendLayers.BitEqual(_b, session.Playing(1)));
        Assert.Equal([1], TakeAll(session));
    }

    [Fact]
    public void In_live_mode_set_keeps_what_plays()
    {
        BendSession session = NewSession();
        session.LiveMode = true;
        BendStep step = BendStep.Randomised(A, BendDistribution.Uniform, 0.8, seed: 4);
        session.Edit(step);
        float[] playing = session.Playing(0).ToArray();
        _ = TakeAll(session);

        Assert.True(session.Set());
        Assert.True(BendLayers.BitEqual(playing, session.Playing(0)));
        Assert.True(BendLayers.BitEqual(playing, session.Applied(0)));
        Assert.Equal([step], session.Steps.Steps.ToArray());
    }

    [Fact]
    public void In_live_mode_an_edit_moving_to_another_layer_reports_both_layers()
    {
        BendSession session = NewSession();
        session.LiveMode = true;
        session.Edit(BendStep.Flip(A));
        _ = TakeAll(session);

        session.Edit(BendStep.Flip(C));
        Assert.True(BendLayers.BitEqual(_a, session.Playing(0)));
        Assert.False(BendLayers.BitEqual(_c, session.Playing(2)));
        Assert.Equal([0, 2], TakeAll(session));
    }

    [Fact]
    public void Switching_live_mode_with_an_edit_pending_reports_the_layer_changed()
    {
        BendSession session = NewSession();
        BendStep step = BendStep.Flip(C, amount: 0.5, seed: 1);
        session.Edit(step);
        Assert.Empty(TakeAll(session));

        session.LiveMode = true;
        Assert.True(BendLayers.BitEqual(Expected(step, _c), session.Playing(2)));
        Assert.Equal([2], TakeAll(session));

        session.LiveMode = true; // no change, nothing to report
        Assert.Empty(TakeAll(session));

        session.LiveMode = false;
        Assert.True(BendLayers.BitEqual(_c, session.Playing(2)));
        Assert.Equal([2], TakeAll(session));
        Assert.Equal(step, session.Pending);

        // With nothing pending, the switch changes nothing that plays.
        Assert.True(session.Revert());
        session.LiveMode = true;
        session.LiveMode = false;
        Assert.Empty(TakeAll(session));
    }

    [Fact]
    public void Mark_changed_reports_a_layer_again()
    {
        BendSession session = NewSession();
        session.MarkChanged(1);
        Assert.True(session.TakeChanged(out int layer));
        Assert.Equal(1, layer);
        Assert.False(session.TakeChanged(out layer));
        Assert.Equal(-1, layer);
    }

    [Fact]
    public void An_edit_on_an_unknown_layer_throws_naming_it_and_keeps_the_pending_edit()
    {
        BendSession session = NewSession();
        BendStep pending = BendStep.Flip(A);
        session.Edit(pending);

        var e = Assert.Throws<ArgumentException>(() => session.Edit(BendStep.Flip("decoder:missing.weight")));
        Assert.Contains("decoder:missing.weight", e.Message, StringComparison.Ordinal);
        Assert.Equal("step", e.ParamName);
        Assert.Equal(pending, session.Pending);
        Assert.Equal(0, session.PendingLayer);
    }

    [Fact]
    public void Load_replaces_a_layer_reports_it_and_can_be_recalled()
    {
        BendSession session = NewSession();
        float[] loaded = _b.Select(v => v * 2f).ToArray();
        session.Edit(BendStep.Flip(B));

        session.Load(1, loaded);
        Assert.Null(session.Pending);
        Assert.True(BendLayers.BitEqual(loaded, session.Applied(1)));
        Assert.True(BendLayers.BitEqual(loaded, session.Playing(1)));
        Assert.True(BendLayers.BitEqual(_b, session.Pristine(1)));
        Assert.Equal([1], TakeAll(session));
        Assert.Equal(1, session.UndoCount);

        Bend steps = Bend.Empty.Append(BendStep.Scaled(B, 2));
        session.SetSteps(steps);
        Assert.Same(steps, session.Steps);
        Assert.True(session.Recall());
        Assert.True(BendLayers.BitEqual(_b, session.Applied(1)));

        var e = Assert.Throws<ArgumentException>(() => session.Load(1, new float[3]));
        Assert.Contains(B, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => session.SetSteps(null!));
    }

    [Fact]
    public void A_live_mode_knob_sweep_of_200_edits_allocates_nothing()
    {
        BendSession session = NewSession();
        session.LiveMode = true;
        BendStep step = BendStep.Randomised(A, BendDistribution.Gaussian, 0.0, amount: 0.5, seed: 7);

        // Warm-up: the first calls run while the JIT is still tiering the loops up.
        Sweep(session, step);

        // As in the other allocation tests: a one-off runtime housekeeping allocation may land in one pass;
        // real per-edit garbage shows in every pass.
        var allocated = new long[3];
        for (int pass = 0; pass < allocated.Length; pass++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Sweep(session, step);
            allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated[pass] == 0)
            {
                break;
            }
        }

        Assert.True(allocated.Contains(0), $"200 live edits allocated {string.Join(", ", allocated)} bytes per pass");
        Assert.Equal(0, session.PendingLayer);
        Assert.False(BendLayers.BitEqual(_a, session.Playing(0)));
    }

    private static void Sweep(BendSession session, in BendStep step)
    {
        for (int i = 0; i < 200; i++)
        {
            session.Edit(step with { Chaos = i / 199.0, Distribution = (BendDistribution)(i % 4), Seed = (uint)(i % 5) });
            while (session.TakeChanged(out _))
            {
            }
        }
    }

    [Fact]
    public void Set_and_recall_reuse_their_layer_copies_so_a_session_does_not_allocate_megabytes()
    {
        var layer = new float[131072];
        for (int i = 0; i < layer.Length; i++)
        {
            layer[i] = (i % 97) / 97f;
        }

        var session = new BendSession([("decoder:big", layer)]);
        void Cycle(int k)
        {
            session.Edit(BendStep.Scaled("decoder:big", 1 + ((k % 7) / 10.0)));
            Assert.True(session.Set());
            Assert.True(session.Recall());
        }

        for (int k = 0; k < 5; k++)
        {
            Cycle(k);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 50; k++)
        {
            Cycle(k);
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // Without reuse each SET copies the layer: 50 x 512 KB. What is left is the undo list's nodes and the steps.
        Assert.True(bytes < 64 * 1024, $"{bytes} bytes for 50 SET/RECALL cycles of a 131,072-weight layer");
        Assert.Equal(layer, session.Applied(0).ToArray());
    }
}
