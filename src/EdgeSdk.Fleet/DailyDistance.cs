namespace EdgeSdk.Fleet;

/// <summary>How far one vehicle drove on one UTC day: the geodesic length of its track through that day's fixes.</summary>
/// <param name="Fleet">Fleet.</param>
/// <param name="DeviceId">Device.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="DistanceMeters">Length on the WGS 84 spheroid (PostGIS ST_Length on geography).</param>
/// <param name="Fixes">Fixes with a position that day.</param>
public sealed record DailyDistance(string Fleet, string DeviceId, DateOnly Day, double DistanceMeters, long Fixes);
