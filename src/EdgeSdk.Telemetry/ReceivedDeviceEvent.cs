namespace EdgeSdk.Telemetry;

/// <summary>An event a device published, as a <see cref="TelemetryConsumer"/> received it.</summary>
/// <param name="Fleet">Fleet, from the topic.</param>
/// <param name="DeviceId">Device, from the topic.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Count">How many fixes it concerns (dropped, queued, lost).</param>
/// <param name="Detail">One line for a human; never contains credentials.</param>
/// <param name="Sequence">The event's sequence number in its device's durable event queue (with <see cref="QueueInstance"/>, unique per device).</param>
/// <param name="SentUtc">When the device sent it.</param>
public sealed record ReceivedDeviceEvent(string Fleet, string DeviceId, DeviceEventKind Kind, long Count, string Detail, long Sequence, DateTime SentUtc)
{
    /// <summary>When it happened on the device (driving events, which may be sent long after an outage), or null when the device did not say.</summary>
    public DateTime? EventTimeUtc { get; init; }

    /// <summary>Driving events: the peak acceleration magnitude, m/s² (deceleration as a positive number, 1 mm/s² resolution on the wire); 0 otherwise.</summary>
    public double PeakMetersPerSecondSquared { get; init; }

    /// <summary>Driving events: how long the threshold was exceeded when the event was raised, ms; 0 otherwise.</summary>
    public double DurationMilliseconds { get; init; }

    /// <summary>The numbering epoch of the event (with <see cref="Sequence"/>, unique per device): the instance of the device's durable event queue, which holds driving events and the publisher's own events alike (older publishers drew one per start for their own events); 0 from publishers before this field.</summary>
    public ulong QueueInstance { get; init; }

    /// <summary>
    /// <see cref="DeviceEventKind.FixesDropped"/>: the device queue's dropped total this report runs up to
    /// (<see cref="Count"/> = the drops since the previous report); a report whose total was seen before repeats one
    /// (the device lost power between queuing it and noting it). 0 for other kinds and from publishers before this field.
    /// </summary>
    public long DroppedTotal { get; init; }
}
