namespace LatentPlayground.Hardware.Leds;

/// <summary>
/// What one LED shows: steady on or off, the tempo blink, or — over either — a warning pattern for a while.
/// Call <see cref="Update"/> every control tick (20 ms or faster) with the current beat position; the LED pin is
/// written only when its state changes. Thread: the control thread, for every member.
/// </summary>
public sealed class StatusLed
{
    private readonly Led _led;
    private readonly TimeProvider _clock;
    private BlinkPattern? _warning;
    private long _warningStart;
    private TimeSpan _warningLength;   // TimeSpan.MaxValue: until cleared

    /// <summary>Drives <paramref name="led"/>; warning patterns are timed by <paramref name="clock"/> (the system clock when null). Thread: any.</summary>
    public StatusLed(Led led, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(led);
        _led = led;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>True while steady on (ignored while following the tempo).</summary>
    public bool SteadyOn { get; private set; }

    /// <summary>True while following the tempo.</summary>
    public bool FollowsTempo { get; private set; }

    /// <summary>The fraction of each beat the tempo blink is lit.</summary>
    public double TempoDuty { get; private set; } = TempoBlink.DefaultDuty;

    /// <summary>True while a warning pattern overrides the LED.</summary>
    public bool IsWarning => _warning is not null;

    /// <summary>Whether the LED is lit now.</summary>
    public bool IsOn => _led.IsOn;

    /// <summary>Steady on or off (stops following the tempo). Thread: control.</summary>
    public void Show(bool on)
    {
        SteadyOn = on;
        FollowsTempo = false;
    }

    /// <summary>Blinks on the beat, lit for <paramref name="duty"/> of each beat. Thread: control.</summary>
    public void ShowTempo(double duty = TempoBlink.DefaultDuty)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duty, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(duty, 1);
        TempoDuty = duty;
        FollowsTempo = true;
    }

    /// <summary>
    /// Plays <paramref name="pattern"/> over whatever the LED shows, from now, for <paramref name="repeats"/>
    /// periods (0: until <see cref="ClearWarning"/>). Thread: control.
    /// </summary>
    public void Warn(BlinkPattern pattern, int repeats = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfNegative(repeats);
        _warning = pattern;
        _warningStart = _clock.GetTimestamp();
        _warningLength = repeats == 0 ? TimeSpan.MaxValue : pattern.Period * repeats;
    }

    /// <summary>Ends the warning; the LED goes back to steady or tempo. Thread: control.</summary>
    public void ClearWarning() => _warning = null;

    /// <summary>Sets the LED for now. <paramref name="beats"/> is the transport position in quarter notes. Thread: control.</summary>
    public void Update(double beats)
    {
        if (_warning is not null)
        {
            TimeSpan elapsed = _clock.GetElapsedTime(_warningStart);
            if (elapsed < _warningLength)
            {
                _led.Set(_warning.IsLit(elapsed));
                return;
            }

            _warning = null;
        }

        _led.Set(FollowsTempo ? TempoBlink.IsLit(beats, TempoDuty) : SteadyOn);
    }
}
