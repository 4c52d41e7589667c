using EdgeSdk.Nmea;

namespace EdgeSdk.Tracker;

/// <summary>
/// The tracker firmware's application: UART bytes → <see cref="NmeaParser"/> → <see cref="EpochFuser"/> →
/// <see cref="FixRing"/> → <see cref="TelemetryEncoder"/> → MQTT, in the .NET telemetry's wire format and topic
/// layout (<c>edgesdk/v1/{fleet}/{device}/fix|event|status</c>), so EdgeSdk.Telemetry's TelemetryConsumer takes
/// its batches unchanged. One <see cref="Poll"/> reads the UART once and sends at most one message batch, so
/// the UART is read between batches while a backlog drains.
/// </summary>
/// <remarks>
/// As the .NET publisher: fixes are numbered 1, 2, 3 ... per start under a fresh <see cref="TrackerOptions.QueueInstance"/>;
/// a batch is removed only after the broker's PUBACK; at connect the retained status says online (the Last Will
/// says offline), a FIXES_DROPPED event reports what the full ring dropped since the last report, and a
/// RECONNECTED event the backlog after an outage. Allocates nothing per epoch or per batch (the board glue may
/// copy a payload it cannot pass as buffer and length).
/// </remarks>
public sealed class TrackerApp
{
    private readonly TrackerOptions _options;
    private readonly ISerialLink _serial;
    private readonly IMqttLink _mqtt;
    private readonly ITrackerClock _clock;
    private readonly NmeaParser _parser = new NmeaParser();
    private readonly EpochFuser _fuser = new EpochFuser();
    private readonly FixRing _ring;
    private readonly TelemetryEncoder _encoder;
    private readonly byte[] _rx, _tx, _version, _droppedDetail, _reconnectedDetail;
    private readonly string _fixTopic, _eventTopic, _statusTopic, _clientId;
    private long _lastByteMs, _pendingSinceMs, _nextConnectMs, _nextSendMs, _droppedReported, _eventSequence;
    private int _reconnectDelayMs;
    private bool _wasConnected, _announced;

    /// <summary>Creates the application and allocates everything it will use (ring, buffers, parser).</summary>
    /// <param name="options">The settings; see <see cref="TrackerOptions.Validate"/>.</param>
    /// <param name="serial">The GNSS module's UART.</param>
    /// <param name="mqtt">The MQTT client.</param>
    /// <param name="clock">Uptime and UTC.</param>
    /// <exception cref="System.ArgumentException">The settings are not usable; the message names the setting.</exception>
    public TrackerApp(TrackerOptions options, ISerialLink serial, IMqttLink mqtt, ITrackerClock clock)
    {
        if (options == null || serial == null || mqtt == null || clock == null)
        {
            throw new System.ArgumentNullException(options == null ? "options" : serial == null ? "serial" : mqtt == null ? "mqtt" : "clock");
        }

        string error = options.Validate();
        if (error != null)
        {
            throw new System.ArgumentException(error);
        }

        _options = options;
        _serial = serial;
        _mqtt = mqtt;
        _clock = clock;
        _ring = new FixRing(options.RingCapacity);
        _encoder = new TelemetryEncoder(options.DeviceId, options.BatchSize);
        _rx = new byte[options.SerialBufferBytes];
        _tx = new byte[options.PayloadBufferBytes];
        _version = Utf8.GetBytes(options.SoftwareVersion);
        _droppedDetail = Utf8.GetBytes("fix ring full: oldest fixes dropped");
        _reconnectedDetail = Utf8.GetBytes("connection back after an outage; sending the backlog");
        string root = "edgesdk/v1/" + options.Fleet + "/" + options.DeviceId + "/";
        _fixTopic = root + "fix";
        _eventTopic = root + "event";
        _statusTopic = root + "status";
        _clientId = "edgesdk-" + options.Fleet + "-" + options.DeviceId;
        _reconnectDelayMs = options.ReconnectMinDelayMilliseconds;
        _lastByteMs = clock.UptimeMilliseconds;
    }

    /// <summary>The unsent fixes.</summary>
    public FixRing Ring
    {
        get { return _ring; }
    }

    /// <summary>The NMEA parser's counters (accepted, rejected by reason, skipped bytes).</summary>
    public NmeaStatistics NmeaStatistics
    {
        get { return _parser.Statistics; }
    }

    /// <summary>Topic of the fix batches.</summary>
    public string FixTopic
    {
        get { return _fixTopic; }
    }

    /// <summary>Fixes fused and put in the ring.</summary>
    public long Fixes { get; private set; }

    /// <summary>Fixes acknowledged by the broker and removed from the ring.</summary>
    public long Published { get; private set; }

    /// <summary>Fix batches acknowledged.</summary>
    public long Batches { get; private set; }

    /// <summary>Publishes that got no PUBACK (the batch stays in the ring and goes again after <see cref="TrackerOptions.ReconnectMinDelayMilliseconds"/>).</summary>
    public long PublishFailures { get; private set; }

    /// <summary>Connection attempts that failed.</summary>
    public long ConnectFailures { get; private set; }

    /// <summary>Connections made.</summary>
    public long Connections { get; private set; }

    /// <summary>One step of the firmware's loop: read the UART once (waiting at most its timeout), fuse, and send at most one batch.</summary>
    public void Poll()
    {
        int n = _serial.Read(_rx, 0, _rx.Length);
        long now = _clock.UptimeMilliseconds;
        if (n > 0)
        {
            _parser.Feed(_rx, 0, n);
            NmeaSentenceType type;
            while ((type = _parser.Read()) != NmeaSentenceType.None)
            {
                if (_fuser.Add(_parser, type))
                {
                    Enqueue(now);
                }
            }

            _lastByteMs = now;
        }
        else if (_fuser.HasOpenEpoch && now - _lastByteMs >= _options.IdleGapMilliseconds && _fuser.Flush())
        {
            // The receiver's burst is over: the epoch is complete without waiting for the next one.
            Enqueue(now);
        }

        Send(now);
    }

    private void Enqueue(long now)
    {
        if (_ring.Count == 0)
        {
            _pendingSinceMs = now;
        }

        _ring.Add(_fuser.Fix);
        Fixes++;
    }

    private void Send(long now)
    {
        if (!_mqtt.IsConnected)
        {
            if (_wasConnected)
            {
                // Lost it: try again at once, then back off.
                _wasConnected = false;
                _nextConnectMs = now;
            }

            if (now < _nextConnectMs || !Connect(now))
            {
                return;
            }
        }

        // Connected, but the announcement or the last publish got no PUBACK: wait before trying again, so a
        // link that accepts connections and then fails does not take the loop away from the UART.
        if (now < _nextSendMs || (!_announced && !Announce()))
        {
            return;
        }

        int count = _ring.Count < _options.BatchSize ? _ring.Count : _options.BatchSize;
        if (count == 0 || (count < _options.BatchSize && now - _pendingSinceMs < _options.BatchMaxDelayMilliseconds))
        {
            return;
        }

        int length = _encoder.EncodeFixBatch(_ring, count, _clock.UtcNowUnixMilliseconds, _options.QueueInstance, _tx);
        while (length < 0 && count > 1)
        {
            count /= 2; // extreme values made it larger than the buffer: send it in parts
            length = _encoder.EncodeFixBatch(_ring, count, _clock.UtcNowUnixMilliseconds, _options.QueueInstance, _tx);
        }

        long first = _ring.FirstSequence;
        if (length > 0 && _mqtt.Publish(_fixTopic, _tx, length, false))
        {
            Published += _ring.RemoveThrough(first + count - 1);
            Batches++;
            _pendingSinceMs = now;
            if (!ReportDropped())
            {
                SendFailed(now);
            }
        }
        else
        {
            SendFailed(now);
        }
    }

    private void SendFailed(long now)
    {
        PublishFailures++;
        _nextSendMs = now + _options.ReconnectMinDelayMilliseconds;
    }

    private bool Connect(long now)
    {
        // The Last Will carries no time and no counters: it is fixed at connect, and stays valid UTF-8 for
        // MQTT clients (M2Mqtt) that take the will as a string.
        int willLength = _encoder.EncodeStatus(false, 0, 0, _version, 0, _tx);
        if (!_mqtt.Connect(_clientId, _statusTopic, _tx, willLength))
        {
            ConnectFailures++;
            _nextConnectMs = now + _reconnectDelayMs;
            _reconnectDelayMs = _reconnectDelayMs * 2 < _options.ReconnectMaxDelayMilliseconds ? _reconnectDelayMs * 2 : _options.ReconnectMaxDelayMilliseconds;
            return false;
        }

        _reconnectDelayMs = _options.ReconnectMinDelayMilliseconds;
        _wasConnected = true;
        _announced = false;
        _nextSendMs = now;
        Connections++;
        return true;
    }

    // After each connection, before any batch: the retained online status, what the ring dropped meanwhile, and
    // the backlog after an outage. Retried (after the send back-off) until the broker acknowledged all of it.
    private bool Announce()
    {
        long sent = _clock.UtcNowUnixMilliseconds;
        int length = _encoder.EncodeStatus(true, _ring.Count, _ring.DroppedTotal, _version, sent, _tx);
        bool ok = _mqtt.Publish(_statusTopic, _tx, length, true) && ReportDropped();
        if (ok && Connections > 1 && _ring.Count > 0)
        {
            length = _encoder.EncodeEvent(TelemetryEncoder.EventReconnected, ++_eventSequence, _ring.Count, 0, _reconnectedDetail, sent, _options.QueueInstance, _tx);
            ok = _mqtt.Publish(_eventTopic, _tx, length, false);
        }

        if (!ok)
        {
            SendFailed(_clock.UptimeMilliseconds);
            return false;
        }

        _announced = true;
        return true;
    }

    // One FIXES_DROPPED event for what the ring dropped since the last report (at connect, and after a batch).
    private bool ReportDropped()
    {
        long dropped = _ring.DroppedTotal;
        if (dropped == _droppedReported)
        {
            return true;
        }

        int length = _encoder.EncodeEvent(TelemetryEncoder.EventFixesDropped, ++_eventSequence, dropped - _droppedReported, dropped, _droppedDetail, _clock.UtcNowUnixMilliseconds, _options.QueueInstance, _tx);
        if (!_mqtt.Publish(_eventTopic, _tx, length, false))
        {
            return false;
        }

        _droppedReported = dropped;
        return true;
    }
}
