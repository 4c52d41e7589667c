using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Telemetry;

/// <summary>
/// A fix a <see cref="TelemetryConsumer"/> received, de-duplicated, with everything the wire carries: time,
/// mode, quality, position, altitude, speed, course, the DOPs, and the satellites used per constellation
/// (counts; the wire carries no satellite identities, elevations or signal strengths).
/// </summary>
public sealed class ReceivedFix
{
    private readonly GnssFix _fix;
    private readonly int _unattributed;

    internal ReceivedFix(string fleet, string deviceId, long sequence, DateTime sentUtc, GnssFix fix, ReceivedFixPath path = ReceivedFixPath.Mqtt)
    {
        Path = path;
        Fleet = fleet;
        DeviceId = deviceId;
        Sequence = sequence;
        SentUtc = sentUtc;
        _fix = fix;
        int attributed = 0;
        foreach (SatelliteInfo satellite in fix.Satellites)
        {
            attributed += satellite.Used ? 1 : 0;
        }

        _unattributed = Math.Max(0, fix.SatellitesUsed - attributed);
    }

    /// <summary>
    /// How it arrived: <see cref="ReceivedFixPath.Mqtt"/> and <see cref="ReceivedFixPath.Satellite"/> are new fixes
    /// (each fix arrives once as one of them); <see cref="ReceivedFixPath.Upgrade"/> is the full-resolution copy of
    /// a fix that came by satellite before.
    /// </summary>
    public ReceivedFixPath Path { get; }

    /// <summary>Fleet, from the topic.</summary>
    public string Fleet { get; }

    /// <summary>Device, from the topic (which the broker's ACL ties to the device's credentials).</summary>
    public string DeviceId { get; }

    /// <summary>The fix's sequence number, unique per device and queue instance.</summary>
    public long Sequence { get; }

    /// <summary>When the device sent the batch holding it (UTC); for a fix by satellite, when the platform received the report.</summary>
    public DateTime SentUtc { get; }

    /// <summary>Fix time (UTC, 1 ms resolution), or null when the receiver reported none.</summary>
    public DateTime? TimeUtc => _fix.TimeUtc;

    /// <summary>Fix dimension.</summary>
    public FixMode Mode => _fix.Mode;

    /// <summary>Fix quality (autonomous, differential, RTK, ...).</summary>
    public FixQuality Quality => _fix.Quality;

    /// <summary>Latitude in degrees (1e-7° resolution), or null.</summary>
    public double? LatitudeDegrees => _fix.LatitudeDegrees;

    /// <summary>Longitude in degrees (1e-7° resolution), or null.</summary>
    public double? LongitudeDegrees => _fix.LongitudeDegrees;

    /// <summary>Altitude above mean sea level in meters (0.1 m resolution), or null.</summary>
    public double? AltitudeMslMeters => _fix.AltitudeMslMeters;

    /// <summary>Speed over ground in meters per second (0.01 m/s resolution), or null.</summary>
    public double? SpeedMetersPerSecond => _fix.SpeedMetersPerSecond;

    /// <summary>Course over ground in degrees from true north (0.1° resolution), or null.</summary>
    public double? CourseDegrees => _fix.CourseDegrees;

    /// <summary>Horizontal dilution of precision (0.01 resolution), or null when not reported.</summary>
    public double? Hdop => _fix.Hdop;

    /// <summary>Position dilution of precision (0.01 resolution), or null when not reported.</summary>
    public double? Pdop => _fix.Pdop;

    /// <summary>Vertical dilution of precision (0.01 resolution), or null when not reported.</summary>
    public double? Vdop => _fix.Vdop;

    /// <summary>Satellites used in the fix, over all constellations (as the device reported the total).</summary>
    public int SatellitesUsed => _fix.SatellitesUsed;

    /// <summary>True when the fix has a position (mode 2D or 3D and latitude/longitude present).</summary>
    public bool HasPosition => _fix.HasPosition;

    /// <summary>
    /// Satellites of one constellation used in the fix. <see cref="GnssSystem.Unknown"/> gives those the
    /// receiver counted without naming their constellation (a total-only receiver).
    /// </summary>
    public int SatellitesUsedBy(GnssSystem system) => system == GnssSystem.Unknown ? _unattributed : _fix.SatellitesUsedBy(system);

    /// <summary>
    /// The fix as a <see cref="GnssFix"/>, for GNSS-side tools (tracks, odometer, geofences). Its
    /// <see cref="GnssFix.Satellites"/> hold one entry per used satellite with only the constellation set.
    /// </summary>
    public GnssFix ToGnssFix() => _fix;
}
