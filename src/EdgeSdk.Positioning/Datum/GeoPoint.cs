using System.Globalization;

namespace EdgeSdk.Positioning;

/// <summary>A latitude/longitude pair in degrees; which datum it is in is the caller's to say.</summary>
/// <param name="LatitudeDegrees">Latitude, degrees north.</param>
/// <param name="LongitudeDegrees">Longitude, degrees east.</param>
public readonly record struct GeoPoint(double LatitudeDegrees, double LongitudeDegrees)
{
    /// <summary>
    /// Parses <c>lat,lon</c> in decimal degrees (invariant culture, spaces around the numbers allowed);
    /// false when the text is not two numbers or they are outside ±90° / ±180°.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GeoPoint point)
    {
        point = default;
        int comma = text.IndexOf(',');
        if (comma < 0 || text[(comma + 1)..].IndexOf(',') >= 0)
        {
            return false;
        }

        const NumberStyles style = NumberStyles.Float;
        if (!double.TryParse(text[..comma].Trim(), style, CultureInfo.InvariantCulture, out double lat) ||
            !double.TryParse(text[(comma + 1)..].Trim(), style, CultureInfo.InvariantCulture, out double lon) ||
            !(Math.Abs(lat) <= 90) || !(Math.Abs(lon) <= 180))
        {
            return false;
        }

        point = new GeoPoint(lat, lon);
        return true;
    }

    /// <summary>Formats as <c>lat,lon</c> with 9 decimals (0.1 mm), invariant culture.</summary>
    public string ToLatLonString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LatitudeDegrees:F9},{LongitudeDegrees:F9}");
}
