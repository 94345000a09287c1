namespace LatentPlayground.Hardware;

/// <summary>How a GPIO input driver learns of level changes.</summary>
public enum InputSampling
{
    /// <summary>
    /// Each <c>Poll</c> reads the pins. Simple and deterministic; poll every millisecond or two so short
    /// presses and fast encoder turns are not missed.
    /// </summary>
    Polling = 0,

    /// <summary>
    /// The GPIO driver's edge callbacks (libgpiod events on the Pi) record each change with its time on the
    /// driver's event thread; <c>Poll</c> then only handles what was recorded and the timers, so it can run
    /// less often without losing presses.
    /// </summary>
    EdgeCallbacks = 1,
}
