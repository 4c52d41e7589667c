using System.Globalization;
using EdgeSdk.Can;

namespace EdgeSdk.Vehicle;

/// <summary>
/// Feeds CAN frames into a databroker: decodes each frame with a DBC, converts the mapped signals
/// (<see cref="CanVssMapping"/>: scale, value map) to their VSS datatype and publishes them as the provider of
/// those signals. Bad frames, values outside the value map and values the broker refuses are counted, never
/// thrown. A claimed <c>Vehicle.Speed</c> makes <see cref="GnssVssFeeder"/> step back from writing GNSS speed.
/// </summary>
/// <example>
/// <code>
/// var feeder = new CanVssFeeder(broker, DbcDatabase.Load("car.dbc"), CanVssMapping.Load("car.mapping.json"));
/// await feeder.RunAsync(new CandumpFileSource("drive.log"), ct);
/// </code>
/// </example>
public sealed class CanVssFeeder : IDisposable
{
    private readonly VssDatabroker _broker;
    private readonly VssProvider _provider;
    private readonly CanDecoder _decoder;
    private readonly CanDecodedFrame _result;
    private readonly Target[]?[] _byMessage; // decoder message index → the mapped signals of that message
    private long _frames, _published, _rejected, _unmappedFrames, _badFrames, _unmappedValues, _unchanged;

    /// <summary>Checks the mapping against the DBC and the broker's VSS tree, then claims every mapped signal.</summary>
    /// <param name="broker">The databroker to publish to.</param>
    /// <param name="database">The DBC to decode with.</param>
    /// <param name="mapping">Which DBC signal feeds which VSS path.</param>
    /// <param name="providerName">Provider name shown by the broker (e.g. <c>can0</c>).</param>
    /// <param name="source">Name of the mapping in error messages (its file name).</param>
    /// <exception cref="InvalidDataException">An entry names an unknown message, signal or VSS path, an encode-only transform, or a value its VSS datatype cannot hold; the message names the entry.</exception>
    /// <exception cref="InvalidOperationException">Another provider already provides a mapped signal.</exception>
    public CanVssFeeder(VssDatabroker broker, DbcDatabase database, CanVssMapping mapping, string providerName = "can", string source = "mapping")
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(mapping);
        _broker = broker;
        mapping.Validate(database, source, path => broker.Tree.TryGetSignal(path, out _) ? null : $"the VSS tree has no '{path}'");
        _decoder = database.CreateDecoder();
        _result = _decoder.CreateResult();
        var byMessage = new List<Target>?[database.Messages.Length];
        var signals = new List<VssSignal>();
        for (int i = 0; i < mapping.Signals.Count; i++)
        {
            CanVssMappingEntry e = mapping.Signals[i];
            string where = $"{source}: entry {i + 1} ({e.Vss})";
            broker.Tree.TryGetSignal(e.Vss, out VssSignal? signal);
            CanMessage message = database.FindMessage(e.Message)!;
            if (e.Transform == "negative")
            {
                throw new InvalidDataException($"{where}: transform 'negative' only encodes a sign bit and cannot be decoded; leave this entry out of the feeder's mapping");
            }

            Dictionary<string, VssValue>? values = null;
            if (e.ValueMap != null)
            {
                values = new Dictionary<string, VssValue>(StringComparer.Ordinal);
                foreach ((string can, string vss) in e.ValueMap)
                {
                    if (!VssValue.TryParse(vss, signal!.DataType, out VssValue value, out string error) || signal.Validate(value) != VssError.None)
                    {
                        throw new InvalidDataException($"{where}: valueMap '{can}' → '{vss}': {(error.Length > 0 ? error : signal.Explain(signal.Validate(value), value))}");
                    }

                    values[can] = value;
                }
            }
            else if (VssTypes.IsArray(signal!.DataType) || signal.DataType is VssDataType.Timestamp or VssDataType.Unspecified)
            {
                throw new InvalidDataException($"{where}: a CAN signal cannot become a {VssTypes.Name(signal.DataType)}; map a boolean, number or string signal");
            }

            int messageIndex = _decoder.FindMessageIndex(message.Id, message.IsExtended);
            (byMessage[messageIndex] ??= []).Add(new Target(e, signal!, message.IndexOf(e.Signal), values));
            if (!signals.Contains(signal!))
            {
                signals.Add(signal!);
            }
        }

        _byMessage = [.. byMessage.Select(l => l?.ToArray())];
        _provider = broker.CreateProvider(providerName);
        VssError claim = _provider.TryClaim(signals, actuators: false, out string? failed);
        if (claim != VssError.None)
        {
            _provider.Dispose();
            throw new InvalidOperationException($"the CAN feeder cannot provide {failed}: {claim} (is another provider feeding it?)");
        }
    }

    /// <summary>Frames seen.</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Signal values written to the broker.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Values the broker refused (out of the VSS range or datatype; counted, not fatal).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Frames of messages the mapping does not use (unknown to the DBC, or no mapped signal in them).</summary>
    public long UnmappedFrames => Interlocked.Read(ref _unmappedFrames);

    /// <summary>Frames of mapped messages that did not decode (too short for the DBC's message).</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Decoded values missing from their entry's value map (not published).</summary>
    public long UnmappedValues => Interlocked.Read(ref _unmappedValues);

    /// <summary>Unchanged values not published again (on-change entries, or within the entry's interval).</summary>
    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>Publishes every frame of <paramref name="source"/> until it ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(ICanFrameSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        await foreach (CanFrame frame in source.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            Publish(frame);
        }
    }

    /// <summary>
    /// Decodes one frame and publishes its mapped signals, timestamped with the frame's time (now when it has none).
    /// A changed value is published at once; an unchanged one again after the entry's interval unless it is on-change.
    /// </summary>
    public void Publish(in CanFrame frame)
    {
        Interlocked.Increment(ref _frames);
        CanDecodeStatus status = _decoder.TryDecode(frame, _result);
        if (status != CanDecodeStatus.Decoded)
        {
            int index = _decoder.FindMessageIndex(frame.Id, frame.IsExtended);
            Interlocked.Increment(ref index >= 0 && _byMessage[index] != null ? ref _badFrames : ref _unmappedFrames);
            return;
        }

        Target[]? targets = _byMessage[_decoder.FindMessageIndex(frame.Id, frame.IsExtended)];
        if (targets == null)
        {
            Interlocked.Increment(ref _unmappedFrames);
            return;
        }

        DateTime time = frame.TimestampMicroseconds > 0 ? DateTime.UnixEpoch.AddTicks(frame.TimestampMicroseconds * 10) : DateTime.UtcNow;
        foreach (Target t in targets)
        {
            if (!_result.IsPresent[t.SignalIndex])
            {
                continue; // a multiplexed signal absent from this frame
            }

            if (!TryConvert(t, out VssValue value))
            {
                Interlocked.Increment(ref _unmappedValues);
                continue;
            }

            if (t.HasPublished && value == t.LastValue && (t.Entry.OnChange || (time - t.LastPublishedUtc).TotalMilliseconds < t.Entry.IntervalMs))
            {
                Interlocked.Increment(ref _unchanged);
                continue;
            }

            if (_provider.TryPublish(t.Signal, value, time) == VssError.None)
            {
                t.HasPublished = true;
                t.LastValue = value;
                t.LastPublishedUtc = time;
                Interlocked.Increment(ref _published);
            }
            else
            {
                Interlocked.Increment(ref _rejected);
            }
        }
    }

    /// <summary>Releases the claimed signals.</summary>
    public void Dispose() => _provider.Dispose();

    private bool TryConvert(Target t, out VssValue value)
    {
        double physical = _result.PhysicalValues[t.SignalIndex];
        bool described = _result.TryGetValueDescription(t.SignalIndex, out string description);
        if (t.Values != null)
        {
            return t.Values.TryGetValue(described ? description : physical.ToString("R", CultureInfo.InvariantCulture), out value);
        }

        double v = physical / t.Entry.Scale;
        value = t.Signal.WireType switch
        {
            VssValueType.Bool => VssValue.FromBool(v != 0),
            VssValueType.Int32 => VssValue.FromInt32((int)Math.Clamp(Math.Round(v), int.MinValue, int.MaxValue)),
            VssValueType.Int64 => VssValue.FromInt64((long)Math.Round(v)),
            VssValueType.UInt32 => v < 0 || v > uint.MaxValue ? VssValue.None : VssValue.FromUInt32((uint)Math.Round(v)), // none: refused and counted
            VssValueType.UInt64 => v < 0 ? VssValue.None : VssValue.FromUInt64((ulong)Math.Round(v)),
            VssValueType.Float => VssValue.FromFloat((float)v),
            VssValueType.Double => VssValue.FromDouble(v),
            _ => VssValue.FromString(described ? description : v.ToString("R", CultureInfo.InvariantCulture)),
        };
        return true;
    }

    private sealed class Target(CanVssMappingEntry entry, VssSignal signal, int signalIndex, Dictionary<string, VssValue>? values)
    {
        public CanVssMappingEntry Entry { get; } = entry;

        public VssSignal Signal { get; } = signal;

        public int SignalIndex { get; } = signalIndex;

        public Dictionary<string, VssValue>? Values { get; } = values;

        public bool HasPublished { get; set; }

        public VssValue LastValue { get; set; }

        public DateTime LastPublishedUtc { get; set; }
    }
}
