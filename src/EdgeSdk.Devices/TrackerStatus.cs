using EdgeSdk.Gnss;

namespace EdgeSdk.Devices;

/// <summary>What a tracker's status screen shows: the fix, the satellites, the unsent queue and the uplink.</summary>
public sealed class TrackerStatus
{
    /// <summary>The first line of the screen (the device's name); upper-cased and clipped to 21 characters.</summary>
    public string Title { get; init; } = "EDGESDK";

    /// <summary>Fix mode of the latest fix; <see cref="FixMode.Unknown"/> before the receiver has spoken.</summary>
    public FixMode Mode { get; init; }

    /// <summary>Satellites used in the fix.</summary>
    public int SatellitesUsed { get; init; }

    /// <summary>Satellites in view (0 when the receiver does not report them).</summary>
    public int SatellitesInView { get; init; }

    /// <summary>Latitude in degrees (WGS-84/CGCS2000), or null without a position.</summary>
    public double? LatitudeDegrees { get; init; }

    /// <summary>Longitude in degrees, or null without a position.</summary>
    public double? LongitudeDegrees { get; init; }

    /// <summary>Ground speed in metres per second, or null when unknown.</summary>
    public double? SpeedMetersPerSecond { get; init; }

    /// <summary>UTC time of the fix, or null.</summary>
    public DateTime? TimeUtc { get; init; }

    /// <summary>Fixes waiting in the durable queue; null when the program has no queue (the line is left out).</summary>
    public long? QueueDepth { get; init; }

    /// <summary>Fixes the queue dropped because it was full (shown beside the depth when non-zero).</summary>
    public long QueueDropped { get; init; }

    /// <summary>State of the uplink.</summary>
    public BrokerLinkState Broker { get; init; } = BrokerLinkState.None;

    /// <summary>The status of a fix, with the queue and uplink given by the caller.</summary>
    public static TrackerStatus FromFix(GnssFix? fix, string title, long? queueDepth = null, long queueDropped = 0, BrokerLinkState broker = BrokerLinkState.None) => new()
    {
        Title = title,
        Mode = fix?.Mode ?? FixMode.Unknown,
        SatellitesUsed = fix?.SatellitesUsed ?? 0,
        SatellitesInView = fix?.Satellites.Count ?? 0,
        LatitudeDegrees = fix is { HasPosition: true } ? fix.LatitudeDegrees : null,
        LongitudeDegrees = fix is { HasPosition: true } ? fix.LongitudeDegrees : null,
        SpeedMetersPerSecond = fix?.SpeedMetersPerSecond,
        TimeUtc = fix?.TimeUtc,
        QueueDepth = queueDepth,
        QueueDropped = queueDropped,
        Broker = broker,
    };
}
