namespace EdgeSdk.Positioning;

/// <summary>A latitude/longitude rectangle (JT/T 808 0x8602: top-left and bottom-right corners).</summary>
public sealed class RectangleGeofence : Geofence
{
    /// <summary>Creates a rectangle from its edges.</summary>
    public RectangleGeofence(uint id, GeoBounds bounds)
        : base(id)
    {
        if (bounds.NorthLatitudeDegrees <= bounds.SouthLatitudeDegrees || bounds.EastLongitudeDegrees <= bounds.WestLongitudeDegrees)
        {
            throw new ArgumentException("The north edge must be north of the south edge and the east edge east of the west edge.", nameof(bounds));
        }

        Bounds = bounds;
    }

    /// <inheritdoc/>
    public override GeoBounds Bounds { get; }

    internal override double SignedDistanceMeters(in LocalFrame frame)
    {
        // Offsets of the point from each edge, meters, positive when the point is on the inner side.
        double fromSouth = -frame.North(Bounds.SouthLatitudeDegrees), fromNorth = frame.North(Bounds.NorthLatitudeDegrees);
        double fromWest = -frame.East(Bounds.WestLongitudeDegrees), fromEast = frame.East(Bounds.EastLongitudeDegrees);
        double insideNorthSouth = Math.Min(fromSouth, fromNorth), insideEastWest = Math.Min(fromWest, fromEast);
        if (insideNorthSouth >= 0 && insideEastWest >= 0)
        {
            return -Math.Min(insideNorthSouth, insideEastWest);
        }

        double outNorthSouth = Math.Max(0, -insideNorthSouth), outEastWest = Math.Max(0, -insideEastWest);
        return Math.Sqrt((outNorthSouth * outNorthSouth) + (outEastWest * outEastWest));
    }
}
