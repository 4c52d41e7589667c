using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Positioning;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// The HMI's model: feeds the <see cref="Hub"/> from the databroker (the displayed signals), from the GNSS engine (position
/// in WGS-84 and GCJ-02, satellites per constellation, the track) and from any alert source, and turns the page's requests
/// into databroker actuations. Serve it with <see cref="CockpitHmiServer"/> or map it into your own host with
/// <see cref="CockpitHmiEndpoints.MapCockpitHmi"/>.
/// </summary>
public sealed class CockpitHmi
{
    /// <summary>Lowest cabin temperature the page may request, °C.</summary>
    public const double MinTemperatureCelsius = 16;

    /// <summary>Highest cabin temperature the page may request, °C.</summary>
    public const double MaxTemperatureCelsius = 30;

    /// <summary>Track points kept for browsers that connect later; older points are thinned out (every other one dropped).</summary>
    public const int TrackCapacity = 1000;

    private const int VssQueueCapacity = 1000;
    private const int TrackSnapshotEveryFixes = 25;
    private readonly VssDatabroker _broker;
    private readonly List<GeoPoint> _track = [];
    private int _trackStride = 1, _fixesSinceTrackPoint, _fixesSinceSnapshot;
    private long _vssDropped, _fixes, _actuations, _refused;

    /// <summary>Creates the HMI over <paramref name="broker"/>.</summary>
    /// <param name="broker">The databroker whose signals the page shows and whose actuators it sets.</param>
    /// <param name="hub">The fan-out to browsers (a new one with default capacity when null).</param>
    public CockpitHmi(VssDatabroker broker, CockpitHmiHub? hub = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        Hub = hub ?? new CockpitHmiHub();
    }

    /// <summary>The fan-out to connected browsers, with its counters.</summary>
    public CockpitHmiHub Hub { get; }

    /// <summary>Signal updates lost because the HMI's databroker subscription overflowed.</summary>
    public long VssDropped => Interlocked.Read(ref _vssDropped);

    /// <summary>GNSS fixes shown.</summary>
    public long Fixes => Interlocked.Read(ref _fixes);

    /// <summary>Requests from the page that the databroker accepted.</summary>
    public long Actuations => Interlocked.Read(ref _actuations);

    /// <summary>Requests from the page that were refused (bad zone, value out of range, no provider).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Subscribes to the displayed signals (those the tree has) and publishes every update until cancelled. The
    /// subscription holds <c>1000</c> updates; beyond that the oldest is dropped and counted in <see cref="VssDropped"/>.
    /// </summary>
    public async Task RunVssFeedAsync(CancellationToken cancellationToken)
    {
        var signals = new List<VssSignal>();
        foreach (string path in CockpitHmiSignals.Displayed)
        {
            if (_broker.Tree.TryGetSignal(path, out VssSignal? signal))
            {
                signals.Add(signal);
            }
        }

        VssError error = _broker.TrySubscribe(signals, VssQueueCapacity, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw new InvalidOperationException($"the HMI cannot subscribe to the databroker: {error}");
        }

        using (subscription)
        {
            long seenDropped = 0;
            try
            {
                await foreach (VssUpdate update in subscription!.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!update.Value.IsNone)
                    {
                        Hub.Publish("signal:" + update.Signal.Path, "{\"kind\":\"signal\"," + update.ToJson()[1..]);
                    }

                    long dropped = subscription.Dropped;
                    Interlocked.Add(ref _vssDropped, dropped - seenDropped);
                    seenDropped = dropped;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Publishes each fix (position in both datums, fix quality, satellites per constellation) and keeps the track, until the fixes end.</summary>
    public async Task RunGnssFeedAsync(IAsyncEnumerable<GnssFix> fixes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        try
        {
            await foreach (GnssFix fix in fixes.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                PublishFix(fix);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Shows one fix (see <see cref="RunGnssFeedAsync"/>).</summary>
    public void PublishFix(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Interlocked.Increment(ref _fixes);
        GeoPoint? gcj = null;
        if (fix.HasPosition)
        {
            var wgs = new GeoPoint(fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value);
            gcj = ChinaDatum.WgsToGcj(wgs); // outside China GCJ-02 equals WGS-84
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "fix");
            json.WriteString("quality", fix.Quality.ToString());
            json.WriteString("mode", fix.Mode.ToString());
            WriteNumber(json, "latitudeDegrees", fix.LatitudeDegrees);
            WriteNumber(json, "longitudeDegrees", fix.LongitudeDegrees);
            WriteNumber(json, "gcjLatitudeDegrees", gcj?.LatitudeDegrees);
            WriteNumber(json, "gcjLongitudeDegrees", gcj?.LongitudeDegrees);
            WriteNumber(json, "courseDegrees", fix.CourseDegrees);
            WriteNumber(json, "speedMetersPerSecond", fix.SpeedMetersPerSecond);
            WriteNumber(json, "hdop", fix.Hdop);
            json.WriteNumber("satellitesUsed", fix.SatellitesUsed);
            json.WriteStartArray("constellations");
            foreach (IGrouping<GnssSystem, SatelliteInfo> system in fix.Satellites.GroupBy(s => s.System).OrderBy(g => g.Key))
            {
                json.WriteStartObject();
                json.WriteString("system", system.Key.ToString());
                json.WriteNumber("visible", system.Select(s => s.SatelliteId).Distinct().Count());
                json.WriteNumber("used", system.Where(s => s.Used).Select(s => s.SatelliteId).Distinct().Count());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Hub.Publish("fix", Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        if (gcj is { } point)
        {
            AddTrackPoint(point);
        }
    }

    /// <summary>
    /// Shows the active alerts (replacing the previous list): each with its rule name, a message and when it was raised.
    /// Call it whenever an alert is raised or cleared.
    /// </summary>
    public void PublishAlerts(IEnumerable<(string Rule, string Message, DateTime RaisedUtc)> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "alerts");
            json.WriteStartArray("active");
            foreach ((string rule, string message, DateTime raisedUtc) in active)
            {
                json.WriteStartObject();
                json.WriteString("rule", rule);
                json.WriteString("message", message);
                json.WriteString("raisedUtc", raisedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        Hub.Publish("alerts", Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Asks the zone's HVAC station for <paramref name="celsius"/> (a databroker actuation); the page shows the new target at once and the current value when the vehicle reports it.</summary>
    /// <param name="zone">A key of <see cref="CockpitHmiSignals.TemperatureZones"/> (driver, passenger, rear-left, rear-right).</param>
    /// <param name="celsius">Target, <see cref="MinTemperatureCelsius"/> to <see cref="MaxTemperatureCelsius"/>.</param>
    public CockpitHmiActuation SetTemperature(string zone, double celsius)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!CockpitHmiSignals.TemperatureZones.TryGetValue(zone, out string? path))
        {
            return Refuse(404, $"climate zone '{zone}' does not exist: use one of {string.Join(", ", CockpitHmiSignals.TemperatureZones.Keys)}");
        }

        if (!(celsius >= MinTemperatureCelsius && celsius <= MaxTemperatureCelsius))
        {
            return Refuse(400, $"climate zone '{zone}': {celsius.ToString(CultureInfo.InvariantCulture)} °C is out of range: use {MinTemperatureCelsius} to {MaxTemperatureCelsius} °C");
        }

        return Actuate(path, celsius.ToString("0.0", CultureInfo.InvariantCulture));
    }

    /// <summary>Sets the media volume (0 to 100 %), a databroker actuation.</summary>
    public CockpitHmiActuation SetVolume(int percent) => Actuate(CockpitHmiSignals.MediaVolume, percent.ToString(CultureInfo.InvariantCulture));

    /// <summary>The target the databroker holds for an actuator (none when never set or not in the tree).</summary>
    public VssDatapoint TargetOf(string path) =>
        _broker.Tree.TryGetSignal(path, out VssSignal? signal) ? _broker.GetTargetValue(signal) : default;

    private CockpitHmiActuation Actuate(string path, string text)
    {
        if (!_broker.Tree.TryGetSignal(path, out VssSignal? signal))
        {
            return Refuse(404, $"{path} is not in this vehicle's VSS tree: load a tree that has it (--vss/--overlay)");
        }

        if (!VssValue.TryParse(text, signal.DataType, out VssValue value, out string parseError))
        {
            return Refuse(400, $"{path}: {parseError}");
        }

        VssError error = _broker.TryActuate(path, value);
        if (error != VssError.None)
        {
            int status = error == VssError.NoProvider || error == VssError.ProviderOverloaded ? 503 : 400;
            return Refuse(status, signal.Explain(error, value));
        }

        Interlocked.Increment(ref _actuations);
        var builder = new StringBuilder("{\"kind\":\"target\",\"path\":");
        builder.Append(JsonSerializer.Serialize(path)).Append(",\"value\":");
        value.AppendJson(builder);
        Hub.Publish("target:" + path, builder.Append('}').ToString());
        return CockpitHmiActuation.Ok;
    }

    private CockpitHmiActuation Refuse(int status, string message)
    {
        Interlocked.Increment(ref _refused);
        return new CockpitHmiActuation(false, status, message);
    }

    // Keeps at most TrackCapacity points over the whole drive: when full, every other point goes and the stride doubles.
    private void AddTrackPoint(GeoPoint point)
    {
        string? snapshot = null;
        lock (_track)
        {
            if (++_fixesSinceTrackPoint >= _trackStride)
            {
                _fixesSinceTrackPoint = 0;
                _track.Add(point);
                if (_track.Count >= TrackCapacity)
                {
                    for (int i = 0; i < _track.Count / 2; i++)
                    {
                        _track[i] = _track[(2 * i) + 1];
                    }

                    _track.RemoveRange(_track.Count / 2, _track.Count - (_track.Count / 2));
                    _trackStride *= 2;
                }
            }

            if (++_fixesSinceSnapshot >= TrackSnapshotEveryFixes)
            {
                _fixesSinceSnapshot = 0;
                var builder = new StringBuilder("{\"kind\":\"track\",\"gcjPoints\":[");
                for (int i = 0; i < _track.Count; i++)
                {
                    builder.Append(i == 0 ? "[" : ",[")
                        .Append(_track[i].LatitudeDegrees.ToString("0.######", CultureInfo.InvariantCulture)).Append(',')
                        .Append(_track[i].LongitudeDegrees.ToString("0.######", CultureInfo.InvariantCulture)).Append(']');
                }

                snapshot = builder.Append("]}").ToString();
            }
        }

        if (snapshot != null)
        {
            // Retained for browsers that connect later; connected pages replace their own track with it.
            Hub.Publish("track", snapshot);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 7));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
