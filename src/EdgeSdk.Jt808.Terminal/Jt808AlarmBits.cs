namespace EdgeSdk.Jt808.Terminal;

/// <summary>
/// The JT/T 808 0x0200 alarm-flag bits the terminal sets besides the driver alarms (whose
/// <see cref="EdgeSdk.Positioning.DriverAlarm"/> values are already the standard's bits).
/// </summary>
public static class Jt808AlarmBits
{
    /// <summary>Bit 5: GNSS antenna not connected or cut. Held while the condition lasts.</summary>
    public const uint AntennaOpen = 1u << 5;

    /// <summary>Bit 6: GNSS antenna short-circuited. Held while the condition lasts.</summary>
    public const uint AntennaShorted = 1u << 6;

    /// <summary>Bit 20: entering or leaving an area. Set by the event, cleared once a report carrying it is acknowledged.</summary>
    public const uint AreaInOut = 1u << 20;
}
