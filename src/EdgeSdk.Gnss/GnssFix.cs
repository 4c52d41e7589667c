using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// One epoch of a receiver's output fused into a single fix: time, position, velocity,
/// precision and the sky. Every quantity a receiver did not report is null, never zero.
/// </summary>
/// <remarks>Absent quantities are kept as NaN, which keeps a fix at about half the size of one made
/// of nullables (a fix per epoch is the engine's one allocation); a NaN given to an init accessor
/// therefore reads back as null.</remarks>
public sealed class GnssFix
{
    private readonly double _latitudeDegrees = double.NaN;
    private readonly double _longitudeDegrees = double.NaN;
    private readonly double _altitudeMslMeters = double.NaN;
    private readonly double _altitudeHaeMeters = double.NaN;
    private readonly double _geoidSeparationMeters = double.NaN;
    private readonly double _speedMetersPerSecond = double.NaN;
    private readonly double _courseDegrees = double.NaN;
    private readonly double _climbMetersPerSecond = double.NaN;
    private readonly double _pdop = double.NaN;
    private readonly double _hdop = double.NaN;
    private readonly double _vdop = double.NaN;
    private readonly double _latitudeErrorMeters = double.NaN;
    private readonly double _longitudeErrorMeters = double.NaN;
    private readonly double _altitudeErrorMeters = double.NaN;
    private readonly IReadOnlyList<SatelliteInfo>? _satellites;

    /// <summary>Epoch time, UTC (<see cref="DateTimeKind.Utc"/>); null until a time is known.</summary>
    public DateTime? TimeUtc { get; init; }

    /// <summary>Fix dimension.</summary>
    public FixMode Mode { get; init; }

    /// <summary>How the fix was obtained.</summary>
    public FixQuality Quality { get; init; }

    /// <summary>Latitude, degrees north (WGS-84 / CGCS2000).</summary>
    public double? LatitudeDegrees { get => Value(_latitudeDegrees); init => _latitudeDegrees = value ?? double.NaN; }

    /// <summary>Longitude, degrees east.</summary>
    public double? LongitudeDegrees { get => Value(_longitudeDegrees); init => _longitudeDegrees = value ?? double.NaN; }

    /// <summary>Altitude above mean sea level, meters.</summary>
    public double? AltitudeMslMeters { get => Value(_altitudeMslMeters); init => _altitudeMslMeters = value ?? double.NaN; }

    /// <summary>Altitude above the ellipsoid (HAE), meters: MSL plus geoid separation.</summary>
    public double? AltitudeHaeMeters { get => Value(_altitudeHaeMeters); init => _altitudeHaeMeters = value ?? double.NaN; }

    /// <summary>Geoid separation (ellipsoid minus MSL), meters.</summary>
    public double? GeoidSeparationMeters { get => Value(_geoidSeparationMeters); init => _geoidSeparationMeters = value ?? double.NaN; }

    /// <summary>Speed over ground, meters per second.</summary>
    public double? SpeedMetersPerSecond { get => Value(_speedMetersPerSecond); init => _speedMetersPerSecond = value ?? double.NaN; }

    /// <summary>Course over ground, degrees from true north.</summary>
    public double? CourseDegrees { get => Value(_courseDegrees); init => _courseDegrees = value ?? double.NaN; }

    /// <summary>Vertical speed, meters per second (positive up).</summary>
    public double? ClimbMetersPerSecond { get => Value(_climbMetersPerSecond); init => _climbMetersPerSecond = value ?? double.NaN; }

    /// <summary>Position dilution of precision.</summary>
    public double? Pdop { get => Value(_pdop); init => _pdop = value ?? double.NaN; }

    /// <summary>Horizontal dilution of precision.</summary>
    public double? Hdop { get => Value(_hdop); init => _hdop = value ?? double.NaN; }

    /// <summary>Vertical dilution of precision.</summary>
    public double? Vdop { get => Value(_vdop); init => _vdop = value ?? double.NaN; }

    /// <summary>Latitude error estimate (1σ), meters, from GST.</summary>
    public double? LatitudeErrorMeters { get => Value(_latitudeErrorMeters); init => _latitudeErrorMeters = value ?? double.NaN; }

    /// <summary>Longitude error estimate (1σ), meters, from GST.</summary>
    public double? LongitudeErrorMeters { get => Value(_longitudeErrorMeters); init => _longitudeErrorMeters = value ?? double.NaN; }

    /// <summary>Altitude error estimate (1σ), meters, from GST.</summary>
    public double? AltitudeErrorMeters { get => Value(_altitudeErrorMeters); init => _altitudeErrorMeters = value ?? double.NaN; }

    /// <summary>Satellite signals in view (empty when no GSV was seen this epoch).</summary>
    /// <remarks>A fix from <see cref="EpochFusion"/> makes these objects on the first read (see SkySnapshot).</remarks>
    public IReadOnlyList<SatelliteInfo> Satellites
    {
        get => _satellites ?? Sky?.Satellites ?? (IReadOnlyList<SatelliteInfo>)Array.Empty<SatelliteInfo>();
        init => _satellites = value;
    }

    /// <summary>The fusion's sky as values, when the fix came from <see cref="EpochFusion"/> and no list was given.</summary>
    internal SkySnapshot? Sky { get; init; }

    /// <summary>The fusion's sky values when they are what <see cref="Satellites"/> holds (no list was given).</summary>
    internal SkySnapshot? SkyValues => _satellites == null ? Sky : null;

    /// <summary>The number of <see cref="Satellites"/>, without making the objects.</summary>
    internal int SatelliteCount => _satellites?.Count ?? Sky?.Count ?? 0;

    /// <summary>Number of satellites used in the fix (GGA/GNS count, or the GSA sets when larger).</summary>
    public int SatellitesUsed { get; init; }

    /// <summary>
    /// True when this fix re-issues an epoch whose fix already came out: the fusion closed the epoch early (at
    /// the sentence it learned ends this receiver's epochs) and more of the epoch came after it (a GSV set sent
    /// only every few epochs). It has the same <see cref="TimeUtc"/> as the first fix of the epoch and holds the
    /// whole epoch, so it replaces that fix; it is not a new fix that happens to carry the same time. False for
    /// every first fix of an epoch. gpsd reports such a late sky the same way, as a second report of the epoch.
    /// </summary>
    public bool IsRevision { get; init; }

    /// <summary>True when the fix has a position (mode 2D or 3D and latitude/longitude present).</summary>
    public bool HasPosition => Mode >= FixMode.TwoD && LatitudeDegrees.HasValue && LongitudeDegrees.HasValue;

    /// <summary>
    /// Number of used satellites of one constellation, counted from <see cref="Satellites"/>. A satellite
    /// used on several signals (L1 and L5, B1I and B2a) counts once; entries without a satellite ID count each.
    /// </summary>
    public int SatellitesUsedBy(GnssSystem system)
    {
        IReadOnlyList<SatelliteInfo> satellites = Satellites;
        int count = 0;
        for (int i = 0; i < satellites.Count; i++)
        {
            SatelliteInfo satellite = satellites[i];
            if (satellite.Used && satellite.System == system && !UsedEarlier(satellites, i))
            {
                count++;
            }
        }

        return count;
    }

    // Quadratic, but over the used signals of one epoch (a few dozen) and without allocating.
    private static bool UsedEarlier(IReadOnlyList<SatelliteInfo> satellites, int index)
    {
        SatelliteInfo satellite = satellites[index];
        if (satellite.Number <= 0)
        {
            return false;
        }

        for (int j = 0; j < index; j++)
        {
            SatelliteInfo other = satellites[j];
            if (other.Used && other.System == satellite.System && other.Number == satellite.Number)
            {
                return true;
            }
        }

        return false;
    }

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
