namespace EdgeSdk.Positioning;

/// <summary>
/// Thresholds of the driver alarms, named after the JT/T 808 terminal parameters that set them
/// (use <see cref="FromJt808"/> to take the platform's values as they arrive). A null threshold
/// turns its alarm off.
/// </summary>
public sealed class DriverAlarmSettings
{
    /// <summary>Speed limit everywhere (parameter 0x0055, km/h on the wire), meters per second; fences may set lower ones.</summary>
    public double? SpeedLimitMetersPerSecond { get; init; }

    /// <summary>Overspeed is raised above limit + tolerance and cleared at or below the limit, meters per second. Default 0.</summary>
    public double OverspeedToleranceMetersPerSecond { get; init; }

    /// <summary>Overspeed must last this long before it is raised (parameter 0x0056), seconds. Default 10.</summary>
    public double OverspeedMinimumSeconds { get; init; } = 10;

    /// <summary>Continuous driving limit (parameter 0x0057), seconds. Default 4 h.</summary>
    public double? ContinuousDrivingLimitSeconds { get; init; } = 4 * 3600;

    /// <summary>Accumulated driving limit of a calendar day (parameter 0x0058), seconds. Default 8 h.</summary>
    public double? DailyDrivingLimitSeconds { get; init; } = 8 * 3600;

    /// <summary>A standstill at least this long is a rest that ends continuous driving (parameter 0x0059), seconds. Default 20 min.</summary>
    public double MinimumRestSeconds { get; init; } = 20 * 60;

    /// <summary>Longest allowed stop (parameter 0x005A), seconds, or null for no long-stop alarm.</summary>
    public double? MaximumStopSeconds { get; init; }

    /// <summary>No valid fix for this long raises <see cref="DriverAlarm.GnssFixLost"/>, seconds. Default 30.</summary>
    public double? FixLostSeconds { get; init; } = 30;

    /// <summary>At or above this speed the vehicle is driving, meters per second. Default 1 (3.6 km/h).</summary>
    public double DrivingSpeedMetersPerSecond { get; init; } = 1.0;

    /// <summary>Offset of the local day from UTC for the daily limit; JT/T 808 uses GMT+8. Default 8 h.</summary>
    public TimeSpan DayUtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Settings from JT/T 808 terminal parameters as the platform sends them (0 or null means "not set" and keeps the default).
    /// </summary>
    /// <param name="maxSpeedKmh">0x0055 maximum speed, km/h.</param>
    /// <param name="overspeedDurationSeconds">0x0056 overspeed duration, s.</param>
    /// <param name="continuousDrivingSeconds">0x0057 continuous driving time threshold, s.</param>
    /// <param name="dailyDrivingSeconds">0x0058 accumulated driving time of the day threshold, s.</param>
    /// <param name="minimumRestSeconds">0x0059 minimum rest time, s.</param>
    /// <param name="maximumStopSeconds">0x005A maximum parking time, s.</param>
    public static DriverAlarmSettings FromJt808(uint? maxSpeedKmh, uint? overspeedDurationSeconds, uint? continuousDrivingSeconds,
        uint? dailyDrivingSeconds, uint? minimumRestSeconds, uint? maximumStopSeconds)
    {
        var defaults = new DriverAlarmSettings();
        return new DriverAlarmSettings
        {
            SpeedLimitMetersPerSecond = maxSpeedKmh is > 0 and uint kmh ? kmh / 3.6 : null,
            OverspeedMinimumSeconds = overspeedDurationSeconds ?? defaults.OverspeedMinimumSeconds,
            ContinuousDrivingLimitSeconds = continuousDrivingSeconds is > 0 and uint c ? c : defaults.ContinuousDrivingLimitSeconds,
            DailyDrivingLimitSeconds = dailyDrivingSeconds is > 0 and uint d ? d : defaults.DailyDrivingLimitSeconds,
            MinimumRestSeconds = minimumRestSeconds is > 0 and uint r ? r : defaults.MinimumRestSeconds,
            MaximumStopSeconds = maximumStopSeconds is > 0 and uint s ? s : null,
        };
    }
}
