namespace LatentPlayground.Core.Engine;

/// <summary>Receives the latent the decoder got (z') at each hop. Called on the hop stage's thread; must not keep the span.</summary>
public delegate void LatentObserver(long frame, ReadOnlySpan<float> latent);
