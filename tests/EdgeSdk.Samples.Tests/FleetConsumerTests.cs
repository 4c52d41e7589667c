using System.Text;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Telemetry;
using FleetConsumer;

namespace EdgeSdk.Samples.Tests;

/// <summary>FleetConsumer against simulated vehicles publishing through mosquitto (shared subscriptions need it).</summary>
public sealed class FleetConsumerTests : IAsyncLifetime
{
    private readonly string _directory = Await.TempDirectory();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
    private Mosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await Mosquitto.StartAsync();

    [Fact]
    public async Task The_map_has_each_vehicles_track_and_last_position_from_every_fix_near_the_truth()
    {
        string path = Path.Combine(_directory, "fleet.geojson");
        Task consuming = await StartConsumerAsync(path);

        IReadOnlyList<TruthEpoch>[] truths = await Task.WhenAll(
            PublishDriveAsync("truck-a", "chongqing-logistics", seconds: 40),
            PublishDriveAsync("van-b", "campus-loop", seconds: 30));
        TruthEpoch[] a = truths[0].Where(t => t.HasFix).ToArray(), b = truths[1].Where(t => t.HasFix).ToArray();
        Dictionary<string, Vehicle> map = [];
        await Await.UntilAsync(() => (map = ReadMap(path)).Values.Sum(v => v.Track.Count) == a.Length + b.Length,
            () => $"{string.Join(", ", map.Select(v => $"{v.Key}: {v.Value.Track.Count}"))} of {a.Length} + {b.Length} points");
        await _stop.CancelAsync();
        await consuming;

        Assert.Equal(["truck-a", "van-b"], map.Keys.Order());
        foreach ((string name, TruthEpoch[] truth) in new[] { ("truck-a", a), ("van-b", b) })
        {
            Vehicle vehicle = map[name];
            Assert.Equal(truth.Length, vehicle.Track.Count);
            for (int i = 0; i < truth.Length; i++)
            {
                truth[i].AssertPosition(vehicle.Track[i].Latitude, vehicle.Track[i].Longitude);
            }

            Assert.Equal(vehicle.Track[^1], vehicle.Position);
            Assert.Equal(truth[^1].TimeUtc, vehicle.PositionTimeUtc);
        }

        Assert.True(a.Length >= 35 && b.Length >= 25, $"{a.Length}, {b.Length} fixes"); // most epochs have a fix
        Assert.Equal(["fleet.geojson"], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public async Task Two_copies_in_one_shared_subscription_group_split_the_fleet_so_each_fix_lands_in_exactly_one_map()
    {
        string first = Path.Combine(_directory, "first.geojson"), second = Path.Combine(_directory, "second.geojson");
        Task[] consuming = [await StartConsumerAsync(first), await StartConsumerAsync(second)];

        TruthEpoch[] truth = (await PublishDriveAsync("truck-a", "chongqing-logistics", seconds: 80)).Where(t => t.HasFix).ToArray();
        int[] counts = [0, 0];
        await Await.UntilAsync(() => (counts = [Points(first), Points(second)]).Sum() >= truth.Length, () => $"{counts[0]} + {counts[1]} of {truth.Length} points");
        await _stop.CancelAsync();
        await Task.WhenAll(consuming);

        Assert.Equal(truth.Length, Points(first) + Points(second)); // shared: not twice
        Assert.All(counts, count => Assert.True(count > 0, $"one copy got nothing: {counts[0]} + {counts[1]}"));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    // Starts a FleetConsumer in group "maps" and returns its run once it has subscribed.
    private async Task<Task> StartConsumerAsync(string path)
    {
        var app = new FleetConsumerApp(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = _broker.Uri },
            Fleet = "city",
            SharedSubscriptionGroup = "maps",
        }, path);
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Subscribed += subscribed.SetResult;
        Task running = app.RunAsync(_stop.Token);
        await Task.WhenAny(subscribed.Task, running).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(subscribed.Task.IsCompleted, $"FleetConsumer did not subscribe: {running.Exception?.InnerException?.Message}");
        return running;
    }

    // A vehicle: the simulator's NMEA read by the GNSS engine and published through a durable queue.
    private async Task<IReadOnlyList<TruthEpoch>> PublishDriveAsync(string device, string scenario, int seconds)
    {
        using var nmea = new MemoryStream();
        using var truth = new MemoryStream();
        await GnssSimulator.RunAsync(new SimulationOptions { Scenario = scenario, DurationSeconds = seconds, Truth = truth }, nmea);
        nmea.Position = 0;
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = device,
            Fleet = "city",
            QueueDirectory = Path.Combine(_directory, "queue-" + device),
            Connection = new MqttConnectionOptions { BrokerUri = _broker.Uri },
        });
        await publisher.StartAsync();
        await using var receiver = new GnssReceiver(new StreamGnssSource(scenario, nmea));
        await foreach (GnssFix fix in receiver.ReadFixesAsync(_stop.Token))
        {
            await publisher.EnqueueAsync(fix, _stop.Token);
        }

        Assert.True(await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(30)), $"{device}: {publisher.Counters.Queued} fixes not acknowledged");
        return Encoding.UTF8.GetString(truth.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => TruthEpoch.Parse(JsonDocument.Parse(line).RootElement)).ToList();
    }

    private static int Points(string path) => ReadMap(path).Values.Sum(v => v.Track.Count);

    // The file is replaced by rename, so whenever it exists it is complete JSON: a parse error fails the test.
    private static Dictionary<string, Vehicle> ReadMap(string path)
    {
        var vehicles = new Dictionary<string, Vehicle>();
        if (!File.Exists(path))
        {
            return vehicles;
        }

        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal("FeatureCollection", document.RootElement.GetProperty("type").GetString());
        var tracks = new Dictionary<string, List<(double Longitude, double Latitude)>>();
        var points = new Dictionary<string, ((double, double) At, DateTime Time)>();
        foreach (JsonElement feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            JsonElement properties = feature.GetProperty("properties"), geometry = feature.GetProperty("geometry");
            string name = properties.GetProperty("name").GetString()!;
            switch ((properties.GetProperty("kind").GetString(), geometry.GetProperty("type").GetString()))
            {
                case ("track", "LineString"):
                    tracks.Add(name, geometry.GetProperty("coordinates").EnumerateArray().Select(Coordinate).ToList());
                    break;
                case ("position", "Point"):
                    points.Add(name, (Coordinate(geometry.GetProperty("coordinates")), properties.GetProperty("time").GetDateTime().ToUniversalTime()));
                    break;
                default:
                    Assert.Fail($"unexpected feature {feature}");
                    break;
            }
        }

        Assert.Equal(tracks.Keys.Order(), points.Keys.Order()); // a Point for every track
        foreach ((string name, List<(double Longitude, double Latitude)> track) in tracks)
        {
            vehicles.Add(name, new Vehicle(track.Select(c => new LatLon(c.Latitude, c.Longitude)).ToList(),
                new LatLon(points[name].At.Item2, points[name].At.Item1), points[name].Time));
        }

        return vehicles;
    }

    private static (double, double) Coordinate(JsonElement c) => (c[0].GetDouble(), c[1].GetDouble());

    private sealed record LatLon(double Latitude, double Longitude);

    private sealed record Vehicle(List<LatLon> Track, LatLon Position, DateTime PositionTimeUtc);
}
