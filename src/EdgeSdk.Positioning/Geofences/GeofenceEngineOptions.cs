namespace EdgeSdk.Positioning;

/// <summary>Settings of a <see cref="GeofenceEngine"/>.</summary>
public sealed class GeofenceEngineOptions
{
    /// <summary>
    /// A vehicle enters a fence when its fix is inside (distance ≤ 0) and leaves only when the fix is
    /// this far outside, so receiver noise at the boundary does not flap. Meters; default 20 (several
    /// times the 2–5 m noise of a consumer BDS/GPS receiver in the open).
    /// </summary>
    public double HysteresisMeters { get; init; } = 20;

    /// <summary>Size of a spatial-index cell, degrees (default 0.01°, about 1.1 km north–south).</summary>
    public double CellSizeDegrees { get; init; } = 0.01;

    /// <summary>Fences covering more cells than this are kept in a list checked on every fix instead of in the grid.</summary>
    public int MaxCellsPerFence { get; init; } = 4096;
}
