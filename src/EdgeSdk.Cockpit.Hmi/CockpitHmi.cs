using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Gnss;
using Google.Protobuf;
using EdgeSdk.Nmea;
using EdgeSdk.Positioning;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// The HMI's model: feeds the <see cref="Hub"/> from the databroker (the displayed signals, with their databroker
/// timestamps), from the GNSS engine (position in WGS-84 and GCJ-02, satellites per constellation, the track) and from
/// the cockpit services (climate zones, media, active alerts), and turns the page's requests into service calls. Serve it
/// with <see cref="CockpitHmiServer"/> or map it into your own host with <see cref="CockpitHmiEndpoints.MapCockpitHmi"/>.
/// </summary>
public sealed class CockpitHmi
{
    /// <summary>Track points kept for browsers that connect later; older points are thinned out (every other one dropped).</summary>
    public const int TrackCapacity = 1000;

    private const int VssQueueCapacity = 1000;
    private const int TrackSnapshotEveryFixes = 25;
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private readonly VssDatabroker _broker;
    private readonly IClimateService _climate;
    private readonly IMediaService _media;
    private readonly IAlertsService _alerts;
    private readonly List<GeoPoint> _track = [];
    private int _trackStride = 1, _fixesSinceTrackPoint, _fixesSinceSnapshot;
    private long _vssDropped, _fixes, _actuations, _refused;

    /// <summary>Creates the HMI over the databroker and the cockpit services (as registered by <c>AddEdgeSdkCockpit</c>).</summary>
    /// <param name="broker">The databroker whose signals the page shows.</param>
    /// <param name="climate">Climate zones shown and set by the page.</param>
    /// <param name="media">The media stub shown and set by the page.</param>
    /// <param name="alerts">The active alerts shown by the page.</param>
    /// <param name="hub">The fan-out to browsers (a new one with default capacity when null).</param>
    public CockpitHmi(VssDatabroker broker, IClimateService climate, IMediaService media, IAlertsService alerts, CockpitHmiHub? hub = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(alerts);
        _broker = broker;
        _climate = climate;
        _media = media;
        _alerts = alerts;
        Hub = hub ?? new CockpitHmiHub();
    }

    /// <summary>The fan-out to connected browsers, with its counters.</summary>
    public CockpitHmiHub Hub { get; }

    /// <summary>Signal updates lost because the HMI's databroker subscription overflowed.</summary>
    public long VssDropped => Interlocked.Read(ref _vssDropped);

    /// <summary>GNSS fixes shown.</summary>
    public long Fixes => Interlocked.Read(ref _fixes);

    /// <summary>Requests from the page that the services accepted.</summary>
    public long Actuations => Interlocked.Read(ref _actuations);

    /// <summary>Requests from the page that were refused (zone missing, value out of range, vehicle unavailable).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Runs every feed (signals, fixes, climate, media, alerts) until cancelled; a feed that fails surfaces its exception once the others have stopped.</summary>
    public Task RunAsync(IAsyncEnumerable<GnssFix> fixes, CancellationToken cancellationToken) => Task.WhenAll(
        RunVssFeedAsync(cancellationToken),
        RunGnssFeedAsync(fixes, cancellationToken),
        RunServiceFeedAsync(_climate.WatchClimateAsync(cancellationToken), "climate", cancellationToken),
        RunServiceFeedAsync(_media.WatchMediaAsync(cancellationToken), "media", cancellationToken),
        RunAlertsFeedAsync(cancellationToken));

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
                json.WriteNumber("visible", system.Select(s => s.Number).Distinct().Count());
                json.WriteNumber("used", system.Where(s => s.Used).Select(s => s.Number).Distinct().Count());
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

    /// <summary>Asks the climate service for <paramref name="celsius"/> in <paramref name="zone"/>; its typed errors become the page's message.</summary>
    /// <param name="zone">A climate zone, e.g. <c>Row1.Driver</c>.</param>
    /// <param name="celsius">Requested cabin temperature, °C.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<CockpitHmiActuation> SetTemperatureAsync(string zone, float celsius, CancellationToken cancellationToken = default)
    {
        SetZoneReply reply = await _climate.SetZoneAsync(new SetZoneRequest { Zone = zone ?? "", TemperatureCelsius = celsius }, cancellationToken).ConfigureAwait(false);
        return Count(reply.Error switch
        {
            ClimateError.None => CockpitHmiActuation.Ok,
            ClimateError.ZoneMissing => new CockpitHmiActuation(false, 404, reply.Message),
            ClimateError.VehicleUnavailable or ClimateError.VehicleBusy => new CockpitHmiActuation(false, 503, reply.Message),
            _ => new CockpitHmiActuation(false, 400, reply.Message),
        });
    }

    /// <summary>Asks the media service for a volume (0 to 100 %).</summary>
    public async Task<CockpitHmiActuation> SetVolumeAsync(uint percent, CancellationToken cancellationToken = default)
    {
        MediaReply reply = await _media.SetVolumeAsync(percent, cancellationToken).ConfigureAwait(false);
        return Count(reply.Error == MediaError.None ? CockpitHmiActuation.Ok : new CockpitHmiActuation(false, 400, reply.Message));
    }

    private CockpitHmiActuation Count(CockpitHmiActuation result)
    {
        Interlocked.Increment(ref result.Succeeded ? ref _actuations : ref _refused);
        return result;
    }

    // A service's change stream as retained messages: {"kind":KIND,"state":<the message in protobuf's JSON mapping>}.
    private async Task RunServiceFeedAsync<T>(IAsyncEnumerable<T> states, string kind, CancellationToken cancellationToken)
        where T : IMessage
    {
        try
        {
            await foreach (T state in states.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Hub.Publish(kind, "{\"kind\":\"" + kind + "\",\"state\":" + Json.Format(state) + "}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // Every raise or clear republishes the whole active list, so a page never has to reconcile events.
    private async Task RunAlertsFeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (AlertEvent _ in _alerts.WatchAlertsAsync(cancellationToken).ConfigureAwait(false))
            {
                var active = new ActiveAlerts();
                active.Alerts.AddRange(_alerts.ListActive());
                Hub.Publish("alerts", "{\"kind\":\"alerts\",\"state\":" + Json.Format(active) + "}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
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
