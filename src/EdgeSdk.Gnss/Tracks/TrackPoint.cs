namespace EdgeSdk.Gnss.Tracks;

/// <summary>One recorded position of a track.</summary>
/// <param name="TimeUtc">Fix time, UTC.</param>
/// <param name="LatitudeDegrees">Latitude, degrees north.</param>
/// <param name="LongitudeDegrees">Longitude, degrees east.</param>
/// <param name="AltitudeMslMeters">Altitude above mean sea level, meters, when known.</param>
/// <param name="SpeedMetersPerSecond">Speed over ground, meters per second, when known.</param>
public readonly record struct TrackPoint(
    DateTime TimeUtc,
    double LatitudeDegrees,
    double LongitudeDegrees,
    double? AltitudeMslMeters,
    double? SpeedMetersPerSecond);
