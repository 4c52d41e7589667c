using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeSdk.Gnss;
using EdgeSdk.Gnss.Tracks;
using EdgeSdk.Telemetry;

namespace FleetConsumer;

/// <summary>
/// Each vehicle's track and last position, written as one GeoJSON FeatureCollection: per vehicle a
/// LineString (the track, from <see cref="TrackExport"/>) and a Point (where it is now).
/// </summary>
public sealed class FleetMap
{
    private readonly SortedDictionary<string, (GnssTrack Track, GnssFix Last)> _vehicles = new(StringComparer.Ordinal);

    /// <summary>Vehicles seen with a position.</summary>
    public int Vehicles => _vehicles.Count;

    /// <summary>Adds a received fix; false when it has no position (no fix, tunnel).</summary>
    public bool Add(ReceivedFix received)
    {
        ArgumentNullException.ThrowIfNull(received);
        string name = received.DeviceId;
        GnssTrack track = _vehicles.TryGetValue(name, out var vehicle) ? vehicle.Track : new GnssTrack(name);
        GnssFix fix = received.ToGnssFix();
        if (!track.Add(fix))
        {
            return false;
        }

        _vehicles[name] = (track, fix);
        return true;
    }

    /// <summary>
    /// Writes the map to <paramref name="path"/> atomically: into PATH.tmp, then renamed over PATH,
    /// so a map viewer polling the file never reads half of it.
    /// </summary>
    public void Write(string path)
    {
        using var tracks = new MemoryStream();
        TrackExport.WriteGeoJson(tracks, _vehicles.Values.Select(v => v.Track));
        JsonNode map = JsonNode.Parse(tracks.ToArray())!;
        JsonArray features = map["features"]!.AsArray();
        foreach (JsonNode? feature in features)
        {
            feature!["properties"]!["kind"] = "track";
        }

        foreach ((GnssTrack track, GnssFix last) in _vehicles.Values)
        {
            features.Add(Point(track.Name, last));
        }

        string temporary = path + ".tmp";
        using (FileStream file = File.Create(temporary))
        using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
        {
            map.WriteTo(json);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static JsonObject Point(string name, GnssFix fix) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject
        {
            ["name"] = name,
            ["kind"] = "position",
            ["time"] = fix.TimeUtc?.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["speed_mps"] = fix.SpeedMetersPerSecond is double speed ? Math.Round(speed, 2) : null,
            ["course_deg"] = fix.CourseDegrees is double course ? Math.Round(course, 1) : null,
            ["mode"] = (int)fix.Mode,
        },
        ["geometry"] = new JsonObject
        {
            ["type"] = "Point",
            ["coordinates"] = new JsonArray(Math.Round(fix.LongitudeDegrees!.Value, 7), Math.Round(fix.LatitudeDegrees!.Value, 7)),
        },
    };
}
