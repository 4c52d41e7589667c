namespace EdgeSdk.Tracker;

/// <summary>
/// One fused epoch, holding exactly what edgesdk.telemetry.v1 carries: time, position, altitude, speed,
/// course, DOPs, mode, quality and the satellites used per constellation. An absent quantity is <c>double.NaN</c>
/// (time: <see cref="HasTime"/> false), never zero. Mutable and reused: the fusion fills one instance per
/// epoch and the ring copies its values, so an epoch allocates nothing.
/// </summary>
public sealed class TrackerFix
{
    /// <summary>Constellation slots of <see cref="GetSatellitesUsed"/>, in the wire's order (FixState.satellites_used).</summary>
    public const int SatelliteSlots = 8;

    /// <summary>Slot of satellites the receiver counted without saying which constellation they belong to.</summary>
    public const int Unattributed = 7;

    private readonly int[] _satellitesUsed = new int[SatelliteSlots];

    /// <summary>True when the epoch has a UTC date and time.</summary>
    public bool HasTime { get; set; }

    /// <summary>Epoch time, Unix milliseconds (UTC); meaningful when <see cref="HasTime"/>.</summary>
    public long TimeUnixMilliseconds { get; set; }

    /// <summary>Latitude, degrees north; NaN when absent.</summary>
    public double LatitudeDegrees { get; set; } = double.NaN;

    /// <summary>Longitude, degrees east; NaN when absent.</summary>
    public double LongitudeDegrees { get; set; } = double.NaN;

    /// <summary>Altitude above mean sea level, meters; NaN when absent.</summary>
    public double AltitudeMslMeters { get; set; } = double.NaN;

    /// <summary>Speed over ground, meters per second; NaN when absent.</summary>
    public double SpeedMetersPerSecond { get; set; } = double.NaN;

    /// <summary>Course over ground, degrees from true north; NaN when absent.</summary>
    public double CourseDegrees { get; set; } = double.NaN;

    /// <summary>Horizontal dilution of precision; NaN when the epoch reported none.</summary>
    public double Hdop { get; set; } = double.NaN;

    /// <summary>Position (3D) dilution of precision; NaN when the epoch reported none.</summary>
    public double Pdop { get; set; } = double.NaN;

    /// <summary>Vertical dilution of precision; NaN when the epoch reported none.</summary>
    public double Vdop { get; set; } = double.NaN;

    /// <summary>Fix dimension, numbered as gpsd's TPV mode and the wire's FixMode: 0 unknown, 1 no fix, 2 2D, 3 3D.</summary>
    public int Mode { get; set; }

    /// <summary>NMEA quality indicator as EdgeSdk.Gnss.FixQuality: 0 invalid, 1 autonomous, 2 differential, 4 RTK fixed, ...</summary>
    public int Quality { get; set; }

    /// <summary>Satellites used in the fix in one slot: 0 BeiDou, 1 GPS, 2 Galileo, 3 GLONASS, 4 QZSS, 5 NavIC, 6 SBAS, 7 unattributed.</summary>
    /// <param name="slot">0 to <see cref="SatelliteSlots"/> − 1.</param>
    public int GetSatellitesUsed(int slot)
    {
        return _satellitesUsed[slot];
    }

    /// <summary>Sets the satellites used in one slot (see <see cref="GetSatellitesUsed"/>); negative counts as 0.</summary>
    /// <param name="slot">0 to <see cref="SatelliteSlots"/> − 1.</param>
    /// <param name="count">Satellites used.</param>
    public void SetSatellitesUsed(int slot, int count)
    {
        _satellitesUsed[slot] = count < 0 ? 0 : count;
    }

    /// <summary>Makes every quantity absent again, for the next epoch.</summary>
    public void Clear()
    {
        HasTime = false;
        TimeUnixMilliseconds = 0;
        LatitudeDegrees = LongitudeDegrees = AltitudeMslMeters = SpeedMetersPerSecond = CourseDegrees = double.NaN;
        Hdop = Pdop = Vdop = double.NaN;
        Mode = 0;
        Quality = 0;
        for (int i = 0; i < SatelliteSlots; i++)
        {
            _satellitesUsed[i] = 0;
        }
    }

    /// <summary>Copies every value of <paramref name="other"/>.</summary>
    /// <param name="other">The fix to copy.</param>
    public void CopyFrom(TrackerFix other)
    {
        HasTime = other.HasTime;
        TimeUnixMilliseconds = other.TimeUnixMilliseconds;
        LatitudeDegrees = other.LatitudeDegrees;
        LongitudeDegrees = other.LongitudeDegrees;
        AltitudeMslMeters = other.AltitudeMslMeters;
        SpeedMetersPerSecond = other.SpeedMetersPerSecond;
        CourseDegrees = other.CourseDegrees;
        Hdop = other.Hdop;
        Pdop = other.Pdop;
        Vdop = other.Vdop;
        Mode = other.Mode;
        Quality = other.Quality;
        for (int i = 0; i < SatelliteSlots; i++)
        {
            _satellitesUsed[i] = other._satellitesUsed[i];
        }
    }
}
