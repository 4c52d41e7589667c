namespace EdgeSdk.Positioning;

/// <summary>A circle around a centre (JT/T 808 0x8600).</summary>
public sealed class CircleGeofence : Geofence
{
    /// <summary>Creates a circle of <paramref name="radiusMeters"/> around the centre.</summary>
    public CircleGeofence(uint id, double centerLatitudeDegrees, double centerLongitudeDegrees, double radiusMeters)
        : base(id)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusMeters);
        Center = new GeoPoint(centerLatitudeDegrees, centerLongitudeDegrees);
        RadiusMeters = radiusMeters;
        Bounds = new GeoBounds(centerLatitudeDegrees, centerLongitudeDegrees, centerLatitudeDegrees, centerLongitudeDegrees).Expand(radiusMeters);
    }

    /// <summary>The centre.</summary>
    public GeoPoint Center { get; }

    /// <summary>The radius, meters.</summary>
    public double RadiusMeters { get; }

    /// <inheritdoc/>
    public override GeoBounds Bounds { get; }

    internal override double SignedDistanceMeters(in LocalFrame frame)
    {
        double east = frame.East(Center.LongitudeDegrees), north = frame.North(Center.LatitudeDegrees);
        return Math.Sqrt((east * east) + (north * north)) - RadiusMeters;
    }
}
