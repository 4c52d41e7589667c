namespace EdgeSdk.Positioning;

/// <summary>A latitude/longitude pair in degrees; which datum it is in is the caller's to say.</summary>
/// <param name="LatitudeDegrees">Latitude, degrees north.</param>
/// <param name="LongitudeDegrees">Longitude, degrees east.</param>
public readonly record struct GeoPoint(double LatitudeDegrees, double LongitudeDegrees);
