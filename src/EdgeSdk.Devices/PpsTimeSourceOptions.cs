namespace EdgeSdk.Devices;

/// <summary>Settings of a <see cref="PpsTimeSource"/>.</summary>
public sealed class PpsTimeSourceOptions
{
    /// <summary>GPIO pin (the controller's numbering, BCM on a Raspberry Pi) the receiver's PPS output is wired to.</summary>
    public int PpsPin { get; init; } = 18;

    /// <summary>
    /// Longest time from a pulse's edge to the NMEA time that names its second. Receivers send the
    /// epoch's sentences 50–500 ms after the pulse; later than this, the pulse is counted as without a
    /// time and the sentence as without a pulse, because it may name the wrong second.
    /// </summary>
    public TimeSpan MaxNmeaDelay { get; init; } = TimeSpan.FromMilliseconds(900);

    /// <summary>No pulse for this long turns the state to <see cref="PpsTimeState.NoPulse"/>.</summary>
    public TimeSpan NoPulseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Samples the offset and jitter statistics are computed over (the most recent ones), 2 to 1024.</summary>
    public int WindowSamples { get; init; } = 16;

    /// <summary>Capacity of <see cref="PpsTimeSource.Samples"/>; when full the oldest sample is dropped and counted.</summary>
    public int SampleQueueCapacity { get; init; } = 64;

    internal void Validate()
    {
        if (PpsPin < 0)
        {
            throw new ArgumentException($"PpsPin {PpsPin}: a GPIO pin number is 0 or more");
        }

        if (MaxNmeaDelay <= TimeSpan.Zero || MaxNmeaDelay >= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"MaxNmeaDelay {MaxNmeaDelay.TotalMilliseconds} ms: must be above 0 and below 1000 ms (the next pulse)");
        }

        if (NoPulseTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"NoPulseTimeout {NoPulseTimeout.TotalSeconds} s: must be at least 1 s (one pulse period)");
        }

        if (WindowSamples < 2 || WindowSamples > 1024)
        {
            throw new ArgumentException($"WindowSamples {WindowSamples}: must be 2 to 1024");
        }

        if (SampleQueueCapacity < 1)
        {
            throw new ArgumentException($"SampleQueueCapacity {SampleQueueCapacity}: must be 1 or more");
        }
    }
}
