namespace EdgeSdk.Positioning;

/// <summary>
/// An area a vehicle enters, leaves and dwells in. Each shape measures the signed distance of a point
/// to its boundary (negative inside), which is what the engine's hysteresis works on.
/// </summary>
public abstract class Geofence
{
    /// <summary>Creates a fence with its ID (unique within an engine; JT/T 808 area IDs are 32-bit).</summary>
    protected Geofence(uint id)
    {
        Id = id;
    }

    /// <summary>The fence's ID.</summary>
    public uint Id { get; }

    /// <summary>A name for people (optional).</summary>
    public string? Name { get; init; }

    /// <summary>When the fence is in force; empty means always. Any active window makes it active.</summary>
    public IReadOnlyList<GeofenceTimeWindow> TimeWindows { get; init; } = Array.Empty<GeofenceTimeWindow>();

    /// <summary>Speed limit inside the fence, meters per second, or null for none.</summary>
    public double? SpeedLimitMetersPerSecond { get; init; }

    /// <summary>Seconds inside after which a dwell event is raised, or null for none.</summary>
    public double? DwellSeconds { get; init; }

    /// <summary>The box that holds the whole fence.</summary>
    public abstract GeoBounds Bounds { get; }

    /// <summary>True when a time window (or none) puts the fence in force at <paramref name="timeUtc"/>.</summary>
    public bool IsActive(DateTime timeUtc)
    {
        if (TimeWindows.Count == 0)
        {
            return true;
        }

        // An index loop: a foreach over the interface would allocate an enumerator on every fix.
        for (int i = 0; i < TimeWindows.Count; i++)
        {
            if (TimeWindows[i].IsActive(timeUtc))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Distance from the point to the fence's boundary in meters: negative inside, positive outside.</summary>
    public double SignedDistanceMeters(double latitudeDegrees, double longitudeDegrees) =>
        SignedDistanceMeters(new LocalFrame(latitudeDegrees, longitudeDegrees));

    /// <summary>True when the point is inside (on the boundary counts as inside).</summary>
    public bool Contains(double latitudeDegrees, double longitudeDegrees) => SignedDistanceMeters(latitudeDegrees, longitudeDegrees) <= 0;

    /// <summary>The speed limit at a point inside the fence (corridors have one per segment), meters per second, or null.</summary>
    public virtual double? SpeedLimitAt(double latitudeDegrees, double longitudeDegrees) => SpeedLimitMetersPerSecond;

    /// <summary>Signed distance measured in a frame centred on the point.</summary>
    internal abstract double SignedDistanceMeters(in LocalFrame frame);
}
