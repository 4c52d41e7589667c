using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace EdgeSdk.Gnss.Tracks;

/// <summary>Writes tracks as GeoJSON (RFC 7946) and GPX 1.1, which every map tool opens.</summary>
public static class TrackExport
{
    /// <summary>
    /// Writes a GeoJSON FeatureCollection: per track one LineString feature (coordinates are
    /// [longitude, latitude, altitude] as RFC 7946 orders them) with name, distance and times.
    /// </summary>
    public static void WriteGeoJson(Stream output, IEnumerable<GnssTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        foreach (GnssTrack track in tracks)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("name", track.Name);
            json.WriteNumber("distance_m", Math.Round(track.DistanceMeters, 1));
            json.WriteNumber("points", track.Points.Count);
            if (track.Points.Count > 0)
            {
                json.WriteString("start", track.Points[0].TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("end", track.Points[^1].TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "LineString");
            json.WriteStartArray("coordinates");
            foreach (TrackPoint p in track.Points)
            {
                json.WriteStartArray();
                json.WriteNumberValue(Math.Round(p.LongitudeDegrees, 7));
                json.WriteNumberValue(Math.Round(p.LatitudeDegrees, 7));
                if (p.AltitudeMslMeters is double altitude)
                {
                    json.WriteNumberValue(Math.Round(altitude, 2));
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes a GPX 1.1 document with one track segment per track.</summary>
    public static void WriteGpx(Stream output, IEnumerable<GnssTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        const string ns = "http://www.topografix.com/GPX/1/1";
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true });
        xml.WriteStartDocument();
        xml.WriteStartElement("gpx", ns);
        xml.WriteAttributeString("version", "1.1");
        xml.WriteAttributeString("creator", "EdgeSdk");
        foreach (GnssTrack track in tracks)
        {
            xml.WriteStartElement("trk", ns);
            xml.WriteElementString("name", ns, track.Name);
            xml.WriteStartElement("trkseg", ns);
            foreach (TrackPoint p in track.Points)
            {
                xml.WriteStartElement("trkpt", ns);
                xml.WriteAttributeString("lat", p.LatitudeDegrees.ToString("0.0000000", CultureInfo.InvariantCulture));
                xml.WriteAttributeString("lon", p.LongitudeDegrees.ToString("0.0000000", CultureInfo.InvariantCulture));
                if (p.AltitudeMslMeters is double altitude)
                {
                    xml.WriteElementString("ele", ns, altitude.ToString("0.00", CultureInfo.InvariantCulture));
                }

                xml.WriteElementString("time", ns, p.TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
