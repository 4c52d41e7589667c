namespace EdgeSdk.Simulation.Geometry;

/// <summary>The sky at one epoch: satellites above the horizon, the fix dimension (0, 2 or 3) and DOPs.</summary>
internal sealed record SkyEpoch(IReadOnlyList<SatelliteObservation> Satellites, int FixDimension, Dop Dop)
{
    public int UsedCount => Satellites.Count(s => s.Used);
}
