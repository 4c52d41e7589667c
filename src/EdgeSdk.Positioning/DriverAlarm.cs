namespace EdgeSdk.Positioning;

/// <summary>
/// Driver alarms. The values are the JT/T 808 alarm-flag bits (table 24 of the 2013/2019 standard), so
/// a terminal ORs them into the 0x0200 alarm word as they are.
/// </summary>
[Flags]
public enum DriverAlarm : uint
{
    /// <summary>No alarm.</summary>
    None = 0,

    /// <summary>Bit 1: overspeed (speed above the limit plus tolerance for the minimum duration).</summary>
    Overspeed = 1u << 1,

    /// <summary>Bit 2: fatigue driving (continuous driving beyond the limit, parameter 0x0057).</summary>
    FatigueDriving = 1u << 2,

    /// <summary>Bit 4: GNSS module fault; raised here when no valid fix came for the fix-lost time.</summary>
    GnssFixLost = 1u << 4,

    /// <summary>Bit 18: accumulated driving time of the day exceeded (parameter 0x0058).</summary>
    DailyDrivingTimeout = 1u << 18,

    /// <summary>Bit 19: stopped longer than allowed (parameter 0x005A).</summary>
    LongStop = 1u << 19,
}
