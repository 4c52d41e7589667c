using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Geometry;

/// <summary>One satellite above the horizon at one epoch, as the simulated receiver sees it.</summary>
internal sealed record SatelliteObservation(GnssSystem System, int Prn, double ElevationDegrees, double AzimuthDegrees, int Cn0DbHz, bool Used)
{
    /// <summary>Tracked (signal present); untracked satellites are known from the almanac only.</summary>
    public bool Tracked => Cn0DbHz > 0;
}
