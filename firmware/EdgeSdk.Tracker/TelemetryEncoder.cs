namespace EdgeSdk.Tracker;

/// <summary>
/// Writes edgesdk.telemetry.v1 Envelopes (src/EdgeSdk.Telemetry/Protos/telemetry.proto) byte for byte as
/// the .NET publisher does with Google.Protobuf: a FixBatch of the ring's oldest fixes with the .NET
/// codec's column rules (first/second differences, trailing zeros cut, states and state starts, padding to
/// the decoder's budget), a DeviceStatus, or a DeviceEvent. No reflection, no generics, no allocation
/// after construction: every message goes into a caller's buffer.
/// </summary>
public sealed class TelemetryEncoder
{
    /// <summary>DeviceEvent.kind of "the queue was full and dropped its oldest fixes" (EVENT_KIND_FIXES_DROPPED).</summary>
    public const int EventFixesDropped = 1;

    /// <summary>DeviceEvent.kind of "the connection came back after an outage" (EVENT_KIND_RECONNECTED).</summary>
    public const int EventReconnected = 2;

    // The .NET codec's decoding budget (FixBatchCodec.FreeDecodeObjects, DecodeObjectsPerByte).
    private const long FreeDecodeObjects = 64, DecodeObjectsPerByte = 16;

    // Envelope fields, and which body a call writes.
    private const int BodyFixes = 4, BodyEvent = 5, BodyStatus = 6;
    // Columns 0-5 are FixBatch fields 2-7 (time ... course), 6-8 the DOPs, fields 10-12 (after the states).
    private const int Columns = 9, TimeColumn = 0, CourseColumn = 5, FirstDopColumn = 6;

    private readonly byte[] _deviceId;
    private readonly long[] _columns; // Columns × MaxFixesPerBatch: values, then encoded in place
    private readonly int[] _lengths = new int[Columns];
    private readonly int[] _stateStarts;
    private readonly ProtoWriter _writer = new ProtoWriter(), _envelopeSize = new ProtoWriter();
    private readonly ProtoWriter _bodySize = new ProtoWriter(), _stateSize = new ProtoWriter();

    // The message being written (set by each public method, read by WriteBody).
    private FixRing _ring;
    private int _count, _states, _timeLength;
    private bool _online;
    private long _queued, _dropped, _eventKind, _eventCount, _eventDroppedTotal;
    private byte[] _text;

    /// <summary>Allocates the scratch space for batches of up to <paramref name="maxFixesPerBatch"/> fixes.</summary>
    /// <param name="deviceId">The device ID written in every envelope (Envelope.device_id).</param>
    /// <param name="maxFixesPerBatch">Largest batch <see cref="EncodeFixBatch"/> takes; at least 1.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">The batch size is below 1.</exception>
    public TelemetryEncoder(string deviceId, int maxFixesPerBatch)
    {
        if (maxFixesPerBatch < 1)
        {
            throw new System.ArgumentOutOfRangeException(nameof(maxFixesPerBatch), "a batch holds at least one fix");
        }

        MaxFixesPerBatch = maxFixesPerBatch;
        _deviceId = Utf8.GetBytes(deviceId);
        _columns = new long[Columns * maxFixesPerBatch];
        _stateStarts = new int[maxFixesPerBatch];
    }

    /// <summary>Largest batch <see cref="EncodeFixBatch"/> takes.</summary>
    public int MaxFixesPerBatch { get; }

    /// <summary>
    /// Writes an Envelope holding the <paramref name="count"/> oldest fixes of <paramref name="ring"/> as a
    /// FixBatch, with Envelope.sequence = <see cref="FixRing.FirstSequence"/> (fix i has sequence + i).
    /// </summary>
    /// <param name="ring">The unsent fixes.</param>
    /// <param name="count">Fixes to take, 1 to min(<see cref="FixRing.Count"/>, <see cref="MaxFixesPerBatch"/>).</param>
    /// <param name="sentUnixMilliseconds">Envelope.sent_time_unix_ms; fix times are stored relative to it.</param>
    /// <param name="queueInstance">Envelope.queue_instance: the numbering epoch of the ring, non-zero.</param>
    /// <param name="output">Receives the bytes from index 0.</param>
    /// <returns>Bytes written, or −1 when <paramref name="output"/> is too small (nothing written) or the count is out of range.</returns>
    public int EncodeFixBatch(FixRing ring, int count, long sentUnixMilliseconds, ulong queueInstance, byte[] output)
    {
        if (count < 1 || count > ring.Count || count > MaxFixesPerBatch)
        {
            return -1;
        }

        _ring = ring;
        _count = count;
        FillColumns(sentUnixMilliseconds);
        FindStates();
        PadToBudget();
        return WriteEnvelope((ulong)ring.FirstSequence, sentUnixMilliseconds, BodyFixes, queueInstance, output);
    }

    /// <summary>Writes the retained status Envelope (online at connect; offline as the Last Will).</summary>
    /// <param name="online">DeviceStatus.online.</param>
    /// <param name="queued">Fixes waiting in the ring.</param>
    /// <param name="dropped">Fixes the ring dropped since start.</param>
    /// <param name="softwareVersion">UTF-8 of DeviceStatus.software_version.</param>
    /// <param name="sentUnixMilliseconds">Envelope.sent_time_unix_ms; 0 leaves it out (the Last Will, written once at connect).</param>
    /// <param name="output">Receives the bytes from index 0.</param>
    /// <returns>Bytes written, or −1 when <paramref name="output"/> is too small.</returns>
    public int EncodeStatus(bool online, long queued, long dropped, byte[] softwareVersion, long sentUnixMilliseconds, byte[] output)
    {
        _online = online;
        _queued = queued;
        _dropped = dropped;
        _text = softwareVersion;
        return WriteEnvelope(0, sentUnixMilliseconds, BodyStatus, 0, output);
    }

    /// <summary>Writes an event Envelope.</summary>
    /// <param name="kind">DeviceEvent.kind, e.g. <see cref="EventFixesDropped"/>.</param>
    /// <param name="sequence">The event's own sequence number (1, 2, ... per start).</param>
    /// <param name="count">DeviceEvent.count.</param>
    /// <param name="droppedTotal">DeviceEvent.dropped_total: for fixes dropped, the ring's dropped total this report runs up to; else 0.</param>
    /// <param name="detail">UTF-8 of DeviceEvent.detail.</param>
    /// <param name="sentUnixMilliseconds">Envelope.sent_time_unix_ms.</param>
    /// <param name="queueInstance">Envelope.queue_instance: this start's numbering epoch, non-zero. Event numbers restart
    /// at 1 with every start, so without it a platform that keys events by (device, instance, sequence) would take a
    /// restarted board's events for ones it already has.</param>
    /// <param name="output">Receives the bytes from index 0.</param>
    /// <returns>Bytes written, or −1 when <paramref name="output"/> is too small.</returns>
    public int EncodeEvent(int kind, long sequence, long count, long droppedTotal, byte[] detail, long sentUnixMilliseconds, ulong queueInstance, byte[] output)
    {
        _eventKind = kind;
        _eventCount = count;
        _eventDroppedTotal = droppedTotal;
        _text = detail;
        return WriteEnvelope((ulong)sequence, sentUnixMilliseconds, BodyEvent, queueInstance, output);
    }

    // Absent quantities repeat the previous fix's value (0 for the first); time relative to the send time;
    // then each column is turned into differences in place, from the end, so the values it needs are intact.
    private void FillColumns(long sentUnixMilliseconds)
    {
        int n = _count, m = MaxFixesPerBatch;
        for (int i = 0; i < n; i++)
        {
            int absent = _ring.GetAbsent(i);
            Fill(TimeColumn, i, (absent & FixRing.AbsentTime) != 0, _ring.GetTime(i));
            Fill(1, i, (absent & FixRing.RepeatLatitude) != 0, _ring.GetLatitudeE7(i));
            Fill(2, i, (absent & FixRing.RepeatLongitude) != 0, _ring.GetLongitudeE7(i));
            Fill(3, i, (absent & FixRing.AbsentAltitude) != 0, _ring.GetAltitudeDm(i));
            Fill(4, i, (absent & FixRing.AbsentSpeed) != 0, _ring.GetSpeedCmPerS(i));
            Fill(CourseColumn, i, (absent & FixRing.AbsentCourse) != 0, _ring.GetCourseDdeg(i));
            for (int d = 0; d < 3; d++)
            {
                Fill(FirstDopColumn + d, i, false, _ring.GetDopCenti(i, d)); // 0 is "not reported": nothing repeats
            }
        }

        for (int i = 0; i < n; i++)
        {
            _columns[i] -= sentUnixMilliseconds;
        }

        for (int column = 0; column < Columns; column++)
        {
            // Time and position are smooth: second differences; the rest first differences.
            bool secondOrder = column <= 2;
            int o = column * m;
            for (int i = n - 1; i >= 1; i--)
            {
                long e = secondOrder && i >= 2
                    ? _columns[o + i] - (2 * _columns[o + i - 1]) + _columns[o + i - 2]
                    : _columns[o + i] - _columns[o + i - 1];
                if (column == CourseColumn)
                {
                    // The short way round: 3599 -> 1 is +2, not -3598.
                    long mod = WireUnits.CourseModulus;
                    e = (((e % mod) + mod + (mod / 2) - 1) % mod) - (mod / 2) + 1;
                }

                _columns[o + i] = e;
            }

            int length = n;
            while (length > 0 && _columns[o + length - 1] == 0)
            {
                length--;
            }

            _lengths[column] = length;
        }

        _timeLength = _lengths[TimeColumn];
    }

    private void Fill(int column, int i, bool absent, long value)
    {
        int o = column * MaxFixesPerBatch;
        _columns[o + i] = !absent ? value : i > 0 ? _columns[o + i - 1] : 0;
    }

    // A new FixState starts wherever a fix's state differs from the one before.
    private void FindStates()
    {
        _states = 0;
        for (int i = 0; i < _count; i++)
        {
            if (i == 0 || !_ring.SameState(i, i - 1))
            {
                _stateStarts[_states++] = i;
            }
        }
    }

    // As FixBatchCodec.PadToBudget: a long constant batch is spelled out with zero time differences until the
    // decoder's budget (64 + 16 objects per byte) covers its fixes and satellites.
    private void PadToBudget()
    {
        long cost = _count;
        for (int s = 0; s < _states; s++)
        {
            for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
            {
                cost += _ring.GetSatellitesUsed(_stateStarts[s], slot);
            }
        }

        while (_timeLength < _count)
        {
            _bodySize.Reset(null, 0);
            WriteFixBatch(_bodySize);
            long budget = FreeDecodeObjects + (DecodeObjectsPerByte * _bodySize.Position);
            if (cost <= budget)
            {
                return;
            }

            long missing = ((cost - budget) + DecodeObjectsPerByte - 1) / DecodeObjectsPerByte;
            long room = _count - _timeLength;
            _timeLength += (int)(missing < room ? missing : room); // the entries past the cut are zero already
        }
    }

    private int WriteEnvelope(ulong sequence, long sentUnixMilliseconds, int body, ulong queueInstance, byte[] output)
    {
        _envelopeSize.Reset(null, 0);
        WriteEnvelope(_envelopeSize, sequence, sentUnixMilliseconds, body, queueInstance);
        if (_envelopeSize.Position > output.Length)
        {
            return -1;
        }

        _writer.Reset(output, 0);
        WriteEnvelope(_writer, sequence, sentUnixMilliseconds, body, queueInstance);
        return _writer.Position;
    }

    // Fields in number order, proto3 defaults (0, empty) left out, as Google.Protobuf writes them.
    private void WriteEnvelope(ProtoWriter w, ulong sequence, long sentUnixMilliseconds, int body, ulong queueInstance)
    {
        if (_deviceId.Length > 0)
        {
            w.WriteTag(1, ProtoWriter.LengthDelimited);
            w.WriteBytes(_deviceId, _deviceId.Length);
        }

        WriteVarintField(w, 2, sequence);
        WriteVarintField(w, 3, (ulong)sentUnixMilliseconds);

        // The oneof body is written even when empty: it says which body this is.
        _bodySize.Reset(null, 0);
        WriteBody(_bodySize, body);
        w.WriteTag(body, ProtoWriter.LengthDelimited);
        w.WriteVarint((ulong)_bodySize.Position);
        WriteBody(w, body);
        if (queueInstance != 0)
        {
            w.WriteTag(7, ProtoWriter.Fixed64);
            w.WriteFixed64(queueInstance);
        }
    }

    private void WriteBody(ProtoWriter w, int body)
    {
        if (body == BodyFixes)
        {
            WriteFixBatch(w);
        }
        else if (body == BodyStatus)
        {
            WriteVarintField(w, 1, _online ? 1UL : 0UL);
            WriteVarintField(w, 2, (ulong)_queued);
            WriteVarintField(w, 3, (ulong)_dropped);
            WriteTextField(w, 4);
        }
        else
        {
            WriteVarintField(w, 1, (ulong)_eventKind);
            WriteVarintField(w, 2, (ulong)_eventCount);
            WriteTextField(w, 3);
            WriteVarintField(w, 7, (ulong)_eventDroppedTotal);
        }
    }

    private void WriteFixBatch(ProtoWriter w)
    {
        WriteVarintField(w, 1, (ulong)_count);
        for (int column = 0; column < FirstDopColumn; column++)
        {
            WriteColumn(w, column, 2 + column);
        }

        for (int s = 0; s < _states; s++)
        {
            _stateSize.Reset(null, 0);
            WriteFixState(_stateSize, _stateStarts[s]);
            w.WriteTag(8, ProtoWriter.LengthDelimited);
            w.WriteVarint((ulong)_stateSize.Position);
            WriteFixState(w, _stateStarts[s]);
        }

        if (_states > 1)
        {
            int payload = 0;
            for (int s = 1; s < _states; s++)
            {
                payload += ProtoWriter.VarintSize((ulong)_stateStarts[s]);
            }

            w.WriteTag(9, ProtoWriter.LengthDelimited);
            w.WriteVarint((ulong)payload);
            for (int s = 1; s < _states; s++)
            {
                w.WriteVarint((ulong)_stateStarts[s]);
            }
        }

        for (int column = FirstDopColumn; column < Columns; column++)
        {
            WriteColumn(w, column, 10 + column - FirstDopColumn);
        }
    }

    // A packed sint64 column, its trailing zeros cut (nothing at all when every entry is zero).
    private void WriteColumn(ProtoWriter w, int column, int field)
    {
        int length = column == TimeColumn ? _timeLength : _lengths[column];
        if (length == 0)
        {
            return;
        }

        int o = column * MaxFixesPerBatch;
        int payload = 0;
        for (int i = 0; i < length; i++)
        {
            payload += ProtoWriter.VarintSize(ProtoWriter.ZigZag(_columns[o + i]));
        }

        w.WriteTag(field, ProtoWriter.LengthDelimited);
        w.WriteVarint((ulong)payload);
        for (int i = 0; i < length; i++)
        {
            w.WriteSInt64(_columns[o + i]);
        }
    }

    private void WriteFixState(ProtoWriter w, int fix)
    {
        WriteVarintField(w, 1, (ulong)_ring.GetMode(fix));
        int length = TrackerFix.SatelliteSlots;
        while (length > 0 && _ring.GetSatellitesUsed(fix, length - 1) == 0)
        {
            length--;
        }

        if (length > 0)
        {
            int payload = 0;
            for (int slot = 0; slot < length; slot++)
            {
                payload += ProtoWriter.VarintSize((ulong)_ring.GetSatellitesUsed(fix, slot));
            }

            w.WriteTag(2, ProtoWriter.LengthDelimited);
            w.WriteVarint((ulong)payload);
            for (int slot = 0; slot < length; slot++)
            {
                w.WriteVarint((ulong)_ring.GetSatellitesUsed(fix, slot));
            }
        }

        WriteVarintField(w, 3, (ulong)(_ring.GetAbsent(fix) & FixRing.WireAbsentBits));
        WriteVarintField(w, 4, (ulong)_ring.GetQuality(fix));
    }

    private static void WriteVarintField(ProtoWriter w, int field, ulong value)
    {
        if (value != 0)
        {
            w.WriteTag(field, ProtoWriter.Varint);
            w.WriteVarint(value);
        }
    }

    private void WriteTextField(ProtoWriter w, int field)
    {
        if (_text != null && _text.Length > 0)
        {
            w.WriteTag(field, ProtoWriter.LengthDelimited);
            w.WriteBytes(_text, _text.Length);
        }
    }
}
