using System.Threading.Channels;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Rdss;

/// <summary>
/// The platform side of the satellite fallback: short messages received by the command centre's card are decoded
/// as identified position reports and handed to an <see cref="ISatelliteFixSink"/> under the device the sending card
/// belongs to: a <see cref="TelemetryConsumer"/>, so its one fix stream has every fix once whichever path it came by,
/// or the fleet store's ingestor (EdgeSdk.Fleet's <c>FleetIngestor</c>), which stores them and upgrades the rows when
/// the MQTT copies arrive. Messages that are not usable are
/// counted, never thrown: unknown sender, not a report (or broken), a plain report without sequence numbers.
/// </summary>
/// <example>
/// <code>
/// var forwarder = new RdssReportForwarder(consumer, "trucks", new Dictionary&lt;int, string&gt; { [179773] = "truck-042" });
/// await forwarder.RunAsync(centreTerminal.Messages, cancellationToken);
/// </code>
/// </example>
public sealed class RdssReportForwarder
{
    private readonly ISatelliteFixSink _sink;
    private readonly string _fleet;
    private readonly IReadOnlyDictionary<int, string> _devices;
    private readonly RdssPositionCodec _codec = new();
    private long _reports, _fixes, _unknownSender, _notReports, _unidentified;

    /// <summary>Creates a forwarder for one fleet; <paramref name="deviceIdsByUserId"/> maps each truck card's user ID to its telemetry device ID.</summary>
    public RdssReportForwarder(ISatelliteFixSink sink, string fleet, IReadOnlyDictionary<int, string> deviceIdsByUserId)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(deviceIdsByUserId);
        _sink = sink;
        _fleet = fleet;
        _devices = deviceIdsByUserId;
    }

    /// <summary>Identified reports handed to the sink.</summary>
    public long Reports => Interlocked.Read(ref _reports);

    /// <summary>Fixes in them that were new to the sink (the rest it already had).</summary>
    public long NewFixes => Interlocked.Read(ref _fixes);

    /// <summary>Messages from a card not in the map.</summary>
    public long UnknownSender => Interlocked.Read(ref _unknownSender);

    /// <summary>Messages that did not decode as a position report (text, or broken: the codec's counters say why).</summary>
    public long NotReports => Interlocked.Read(ref _notReports);

    /// <summary>Plain reports (no sequence numbers): cannot be matched with their MQTT copies, so not forwarded.</summary>
    public long Unidentified => Interlocked.Read(ref _unidentified);

    /// <summary>The decoder, with its per-reason refusal counters.</summary>
    public RdssPositionCodec Codec => _codec;

    /// <summary>Forwards every message from <paramref name="messages"/> until it completes or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(ChannelReader<RdssMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await foreach (RdssMessage message in messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ForwardAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forwards one message; returns how many of its fixes were new to the sink (0 when the message was not usable, counted).</summary>
    public async ValueTask<int> ForwardAsync(RdssMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_devices.TryGetValue(message.SenderUserId, out string? deviceId))
        {
            Interlocked.Increment(ref _unknownSender);
            return 0;
        }

        RdssCodecResult result;
        uint tag;
        IReadOnlyList<SequencedFix> fixes;
        lock (_codec)
        {
            result = RdssPositionReports.TryDecodeIdentified(_codec, message.Payload, out tag, out fixes);
        }

        if (result != RdssCodecResult.Ok)
        {
            Interlocked.Increment(ref _notReports);
            return 0;
        }

        if (fixes[0].Sequence == 0)
        {
            Interlocked.Increment(ref _unidentified);
            return 0;
        }

        int fresh = await _sink.DeliverSatelliteFixesAsync(_fleet, deviceId, tag, fixes, message.ReceivedUtc.UtcDateTime, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _reports);
        Interlocked.Add(ref _fixes, fresh);
        return fresh;
    }
}
