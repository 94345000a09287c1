using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Realtime;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The one way into an engine: parameter changes and preset switches from the control thread, delivered to every
/// engine thread that reads them (the audio and inference threads of <see cref="LiveEngine"/>, the one thread of
/// <see cref="OfflineEngine"/>), each through its own single-producer single-consumer queue. A message goes to all
/// readers or to none: the control thread is the only producer, so the room it sees in every queue stays room,
/// and the threads never disagree about what the control side asked.
/// <para>
/// A preset switch is one message: it names one of <see cref="SwitchSlots"/> preallocated snapshots of every
/// value, which the control thread fills before posting. Each reader copies the snapshot into its own staging
/// when it takes the message and then releases it; a snapshot is filled again only after every reader released
/// it. Sized here: nothing allocates afterwards.
/// </para>
/// Threads: <see cref="Post"/>, <see cref="PostSwitch"/> and <see cref="HasRoom"/> on the control thread only;
/// each <see cref="InboxReader"/> on its one engine thread.
/// </summary>
public sealed class EngineInbox
{
    /// <summary>Messages each reader's queue holds.</summary>
    public const int Capacity = 1024;

    /// <summary>Preset switches that may be on their way at once (the control side coalesces recalls per tick).</summary>
    public const int SwitchSlots = 16;

    private readonly InboxReader[] _readers;
    private readonly double[][] _snapshots;

    // Per snapshot: readers that have not copied it yet. Written by the control thread before the message is
    // posted, decremented by each reader after its copy; 0 means the control thread may fill it again.
    private readonly int[] _pendingReaders;
    private int _nextSlot;

    /// <param name="readers">The engine threads that read this inbox: 2 for a live engine, 1 offline.</param>
    public EngineInbox(int readers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        _snapshots = new double[SwitchSlots][];
        for (int s = 0; s < SwitchSlots; s++)
        {
            _snapshots[s] = new double[ParameterTable.Count];
        }

        _pendingReaders = new int[SwitchSlots];
        _readers = new InboxReader[readers];
        for (int r = 0; r < readers; r++)
        {
            _readers[r] = new InboxReader(this);
        }
    }

    /// <summary>The reader for engine thread <paramref name="index"/>.</summary>
    public InboxReader Reader(int index) => _readers[index];

    /// <summary>Thread: control. True when a change (and, with <paramref name="withSwitch"/>, a switch) would be taken now.</summary>
    public bool HasRoom(int messages = 1, bool withSwitch = false)
    {
        if (withSwitch && FreeSlot() < 0)
        {
            return false;
        }

        foreach (InboxReader reader in _readers)
        {
            if (reader.Queue.FreeSpace < messages)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Thread: control. Queues a change for every reader, or for none (false) when a queue is full.</summary>
    public bool Post(in ParameterChange change)
    {
        if (!HasRoom())
        {
            return false;
        }

        Enqueue(change);
        return true;
    }

    /// <summary>
    /// Thread: control. Queues a glitch-free switch to <paramref name="values"/> (indexed by <see cref="ParameterId"/>;
    /// actions are ignored): one message per reader, pointing at a snapshot filled here. False, and nothing
    /// queued, when a queue is full or every snapshot is still being read.
    /// </summary>
    public bool PostSwitch(ReadOnlySpan<double> values)
    {
        int slot = FreeSlot();
        if (slot < 0 || !HasRoom())
        {
            return false;
        }

        values[..ParameterTable.Count].CopyTo(_snapshots[slot]);
        // Published before the message: the queue's release makes both visible to a reader that takes it.
        Volatile.Write(ref _pendingReaders[slot], _readers.Length);
        _nextSlot = (slot + 1) % SwitchSlots;
        Enqueue(ParameterChange.Switch(slot));
        return true;
    }

    private int FreeSlot()
    {
        for (int k = 0; k < SwitchSlots; k++)
        {
            int slot = (_nextSlot + k) % SwitchSlots;
            if (Volatile.Read(ref _pendingReaders[slot]) == 0)
            {
                return slot;
            }
        }

        return -1;
    }

    private void Enqueue(in ParameterChange change)
    {
        foreach (InboxReader reader in _readers)
        {
            bool queued = reader.Queue.TryEnqueue(change);
            System.Diagnostics.Debug.Assert(queued, "room was checked by the only producer");
        }
    }

    /// <summary>
    /// One engine thread's end of the inbox. Thread: that engine thread only (or any thread before the engine's
    /// threads start). Never allocates.
    /// </summary>
    public sealed class InboxReader
    {
        private readonly EngineInbox _inbox;

        internal InboxReader(EngineInbox inbox)
        {
            _inbox = inbox;
        }

        internal SpscQueue<ParameterChange> Queue { get; } = new(Capacity);

        /// <summary>The next message, in the order the control thread posted them.</summary>
        public bool TryTake(out ParameterChange change) => Queue.TryDequeue(out change);

        /// <summary>
        /// Copies the values of switch message <paramref name="change"/> into <paramref name="targets"/> (actions
        /// left alone) and releases its snapshot for this reader.
        /// </summary>
        public void TakeSwitch(in ParameterChange change, ParameterTargets targets)
        {
            ArgumentNullException.ThrowIfNull(targets);
            int slot = change.SwitchSlot;
            targets.SetAllButActions(_inbox._snapshots[slot]);
            _ = Interlocked.Decrement(ref _inbox._pendingReaders[slot]);
        }
    }
}
