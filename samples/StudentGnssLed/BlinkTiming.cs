namespace StudentGnssLed;

/// <summary>How long the LED is on and off for each blink, and the pause that ends a cycle.</summary>
public sealed record BlinkTiming(TimeSpan On, TimeSpan Off, TimeSpan Pause)
{
    /// <summary>0.15 s on, 0.25 s off, 1.2 s pause: easy to count by eye.</summary>
    public static BlinkTiming Default { get; } = new(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(1200));
}
