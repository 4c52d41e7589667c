namespace EdgeSdk.Positioning;

/// <summary>
/// One thing that happened to the vehicle: a trip or stop, a geofence crossing, an alarm. One type
/// for all of them so a consumer handles a single stream; fields that do not apply are null.
/// </summary>
public sealed class VehicleEvent
{
    /// <summary>What happened.</summary>
    public required VehicleEventKind Kind { get; init; }

    /// <summary>When it happened (the fix that decided it), UTC.</summary>
    public required DateTime TimeUtc { get; init; }

    /// <summary>Where (last valid position), degrees, or NaN before the first fix.</summary>
    public double LatitudeDegrees { get; init; } = double.NaN;

    /// <summary>Where (last valid position), degrees, or NaN before the first fix.</summary>
    public double LongitudeDegrees { get; init; } = double.NaN;

    /// <summary>For trips and stops: when the trip or stop started, UTC.</summary>
    public DateTime? StartTimeUtc { get; init; }

    /// <summary>For trips, stops, dwell and alarms: how long it lasted, seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>For trips: distance driven, meters.</summary>
    public double? DistanceMeters { get; init; }

    /// <summary>For trips: top speed, meters per second; for overspeed: the speed that raised it.</summary>
    public double? SpeedMetersPerSecond { get; init; }

    /// <summary>For overspeed: the limit in force, meters per second.</summary>
    public double? SpeedLimitMetersPerSecond { get; init; }

    /// <summary>For geofence events: the fence.</summary>
    public uint? FenceId { get; init; }

    /// <summary>For alarm events: which alarm.</summary>
    public DriverAlarm Alarm { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TimeUtc:yyyy-MM-ddTHH:mm:ssZ} {Kind}{(Alarm != DriverAlarm.None ? " " + Alarm : "")}{(FenceId is uint id ? $" fence {id}" : "")}";
}
