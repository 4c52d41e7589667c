using System.Text.Json;
using System.Xml.Linq;
using EdgeSdk.Gnss.Tracks;

namespace EdgeSdk.Gnss.Tests;

public class TrackExportTests
{
    private static GnssTrack TwoPointTrack()
    {
        var track = new GnssTrack("truck-7");
        var t0 = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
        // Chaotianmen to 0.01° further east on the same parallel: 0.01° × cos(29.56°) × 111.195 km.
        track.Add(new GnssFix { TimeUtc = t0, Mode = FixMode.ThreeD, LatitudeDegrees = 29.56, LongitudeDegrees = 106.58, AltitudeMslMeters = 200.5 });
        track.Add(new GnssFix { TimeUtc = t0.AddSeconds(60), Mode = FixMode.NoFix }); // tunnel: skipped
        track.Add(new GnssFix { TimeUtc = t0.AddSeconds(120), Mode = FixMode.ThreeD, LatitudeDegrees = 29.56, LongitudeDegrees = 106.59 });
        return track;
    }

    [Fact]
    public void Distance_and_duration_follow_the_positioned_fixes_only()
    {
        GnssTrack track = TwoPointTrack();
        Assert.Equal(2, track.Points.Count);
        Assert.Equal(TimeSpan.FromSeconds(120), track.Duration);
        double expected = 0.01 * Math.Cos(double.DegreesToRadians(29.56)) * 111_195.08; // 1° of arc on the mean sphere
        Assert.InRange(track.DistanceMeters, expected - 0.5, expected + 0.5);
    }

    [Fact]
    public void GeoJson_is_a_feature_collection_with_lon_lat_order()
    {
        using var stream = new MemoryStream();
        TrackExport.WriteGeoJson(stream, new[] { TwoPointTrack() });
        using JsonDocument doc = JsonDocument.Parse(stream.ToArray());
        JsonElement feature = doc.RootElement.GetProperty("features")[0];
        Assert.Equal("LineString", feature.GetProperty("geometry").GetProperty("type").GetString());
        JsonElement first = feature.GetProperty("geometry").GetProperty("coordinates")[0];
        Assert.Equal(106.58, first[0].GetDouble());
        Assert.Equal(29.56, first[1].GetDouble());
        Assert.Equal(200.5, first[2].GetDouble());
        Assert.Equal(2, feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        Assert.Equal("truck-7", feature.GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public void Gpx_has_one_trkpt_per_point_with_time()
    {
        using var stream = new MemoryStream();
        TrackExport.WriteGpx(stream, new[] { TwoPointTrack() });
        stream.Position = 0;
        XDocument doc = XDocument.Load(stream);
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var points = doc.Descendants(ns + "trkpt").ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal("29.5600000", points[0].Attribute("lat")!.Value);
        Assert.Equal("106.5900000", points[1].Attribute("lon")!.Value);
        Assert.Equal("2026-11-25T08:02:00.000Z", points[1].Element(ns + "time")!.Value);
    }
}
