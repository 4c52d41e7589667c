using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Receiver;

/// <summary>What the simulated receiver reports for one epoch (position already carries its noise).</summary>
internal sealed record EpochReport(
    DateTime TimeUtc,
    int FixDimension,
    double LatitudeDegrees,
    double LongitudeDegrees,
    double AltitudeMslMeters,
    double GeoidSeparationMeters,
    double SpeedMetersPerSecond,
    double CourseDegrees,
    Dop Dop,
    IReadOnlyList<SatelliteObservation> Satellites);
