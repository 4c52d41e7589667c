namespace EdgeSdk.Fleet;

/// <summary>A vehicle's latest stored position.</summary>
/// <param name="Fleet">Fleet.</param>
/// <param name="DeviceId">Device.</param>
/// <param name="TimeUtc">Time of the fix.</param>
/// <param name="LatitudeDegrees">WGS 84 latitude.</param>
/// <param name="LongitudeDegrees">WGS 84 longitude.</param>
/// <param name="SpeedMetersPerSecond">Speed over ground, if the fix had one.</param>
public sealed record VehiclePosition(string Fleet, string DeviceId, DateTime TimeUtc, double LatitudeDegrees, double LongitudeDegrees, double? SpeedMetersPerSecond);
