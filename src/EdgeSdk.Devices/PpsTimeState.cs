namespace EdgeSdk.Devices;

/// <summary>What a <see cref="PpsTimeSource"/> is doing, from its pulses and the receiver's NMEA times.</summary>
public enum PpsTimeState
{
    /// <summary>Not started: the PPS pin is not watched yet.</summary>
    NotStarted = 0,

    /// <summary>Watching the pin: no pulse yet (within the no-pulse timeout), or the first pulse's NMEA time may still come.</summary>
    WaitingForPulse = 1,

    /// <summary>No pulse for longer than the no-pulse timeout: wiring, pin number or a receiver without a fix.</summary>
    NoPulse = 2,

    /// <summary>Pulses arrive but no NMEA time pairs with them (no RMC/ZDA with a valid time, or it comes too late).</summary>
    NoNmeaTime = 3,

    /// <summary>Pulses pair with NMEA times: samples flow.</summary>
    Locked = 4,
}
