namespace LatentPlayground.Audio.Live;

/// <summary>What the audio thread publishes after every period. Thread: written by the audio thread, read through a snapshot.</summary>
internal struct AudioCounters
{
    public long Periods;
    public long Frames;
    public long Xruns;
    public double WorstPeriodMicroseconds;
    public double Load;
    public long AllocatedBytes;
    public bool WarmedUp;
    public int GcCountAtWarmUp;
}

/// <summary>What the inference thread publishes after every hop and idle poll. Thread: written by the inference thread, read through a snapshot.</summary>
internal struct InferenceCounters
{
    public long Hops;
    public double WorstHopMicroseconds;
    public long AllocatedBytes;
    public bool WarmedUp;
}
