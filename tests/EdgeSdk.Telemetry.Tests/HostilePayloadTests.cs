using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry.TestPublisher;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Protocol;
using FixMode = EdgeSdk.Gnss.FixMode;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Issue 19, item 9: a few bytes that claim thousands of fixes, and giant payloads (retained or not),
/// are rejected cheaply and counted; valid fixes keep arriving on the same connection.
/// </summary>
public class HostilePayloadTests
{
    private const long SentMs = 1_795_680_000_000;

    // The attack: 59 bytes on the wire that claim 10,000 fixes sharing one state.
    private static Envelope Claiming(uint count, params uint[] satellitesUsed)
    {
        var state = new FixState { Mode = V1.FixMode._3D };
        state.SatellitesUsed.Add(satellitesUsed);
        var batch = new FixBatch { Count = count, States = { state } };
        batch.TimeMs.Add([1000, 1000]);
        batch.LatitudeE7.Add(312_000_000);
        batch.LongitudeE7.Add(1_215_000_000);
        return new Envelope { DeviceId = "truck-hostile-0", Sequence = 1, SentTimeUnixMs = SentMs, Fixes = batch };
    }

    [Fact]
    public void A_59_byte_batch_claiming_10000_fixes_is_rejected_before_allocating()
    {
        byte[] payload = Claiming(10_000, 20, 12).ToByteArray();
        Assert.Equal(59, payload.Length);
        var fixes = new List<GnssFix>();
        Assert.False(FixBatchCodec.TryDecode(Envelope.Parser.ParseFrom(payload).Fixes, SentMs, fixes, out _)); // warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool decoded = FixBatchCodec.TryDecode(Envelope.Parser.ParseFrom(payload).Fixes, SentMs, fixes, out string? error);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(decoded);
        Assert.Equal("batch of 31 bytes claims 10000 fixes and 32 satellites, more than its size allows (560 objects)", error);
        Assert.Empty(fixes);
        Assert.True(allocated < 2048, $"rejecting allocated {allocated} bytes"); // the parsed message and the error text, no columns
    }

    [Fact]
    public void A_state_claiming_7000_satellites_is_rejected()
    {
        var fixes = new List<GnssFix>();
        Assert.False(FixBatchCodec.TryDecode(Claiming(10, 1000, 1000, 1000, 1000, 1000, 1000, 1000).Fixes, SentMs, fixes, out string? error));
        Assert.Equal("a state claims 7000 satellites used, more than 128", error);
        Assert.Empty(fixes);
    }

    [Fact]
    public void A_long_constant_batch_is_padded_to_the_budget_and_round_trips_with_shared_satellites()
    {
        // A parked truck in static hold: 2,000 identical fixes, 1 s apart, 40 satellites.
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        SatelliteInfo[] sky = Enumerable.Range(1, 40).Select(i => new SatelliteInfo { System = i <= 25 ? GnssSystem.Beidou : GnssSystem.Gps, Number = i, Used = true }).ToArray();
        GnssFix[] parked = Enumerable.Range(0, 2_000).Select(i => new GnssFix
        {
            TimeUtc = start.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = 31.2, LongitudeDegrees = 121.5,
            AltitudeMslMeters = 4, SpeedMetersPerSecond = 0, CourseDegrees = 0, SatellitesUsed = 40, Satellites = sky,
        }).ToArray();

        FixBatch batch = FixBatch.Parser.ParseFrom(FixBatchCodec.Encode(parked, SentMs).ToByteArray());
        var fixes = new List<GnssFix>();
        Assert.True(FixBatchCodec.TryDecode(batch, SentMs, fixes, out string? error), error);

        Assert.Equal(2_000, fixes.Count);
        Assert.Equal(start.AddSeconds(1_999), fixes[^1].TimeUtc);
        Assert.Equal(25, fixes[1_999].SatellitesUsedBy(GnssSystem.Beidou));
        Assert.Equal(15, fixes[1_999].SatellitesUsedBy(GnssSystem.Gps));
        Assert.Same(fixes[0].Satellites, fixes[1_999].Satellites);
        Assert.InRange(batch.CalculateSize(), (2_040 - FixBatchCodec.FreeDecodeObjects) / FixBatchCodec.DecodeObjectsPerByte, 200);
    }

    [Fact]
    public async Task Retained_junk_and_giants_on_the_fleet_topics_are_counted_and_valid_fixes_still_arrive()
    {
        await using Mosquitto broker = await Mosquitto.StartAsync();
        using IMqttClient raw = new MqttClientFactory().CreateMqttClient();
        await raw.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
            .WithTimeout(TimeSpan.FromMinutes(5)).WithKeepAlivePeriod(TimeSpan.FromMinutes(10)).Build()); // 50 MB may take longer than a keep-alive on a busy machine
        async Task Send(string topic, byte[] payload, bool retain = false) => Assert.True((await raw.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())).IsSuccess);

        // Waiting for the consumer before it exists: a retained 50 MB giant, a retained 100 kB oversized
        // payload, and the retained 59-byte bomb, each on its own device's topic of the fleet.
        await Send(TelemetryTopics.Fix("test", "giant"), new byte[50 * 1024 * 1024], retain: true);
        await Send(TelemetryTopics.Fix("test", "big"), new byte[100 * 1024], retain: true);
        await Send(TelemetryTopics.Fix("test", "truck-hostile-0"), Claiming(10_000, 20, 12).ToByteArray(), retain: true);

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri));
        await using var _ = consumer;
        GnssFix[] fixes = SyntheticDrive.Fixes(3).ToArray();
        for (ulong batch = 0; batch < 5; batch++)
        {
            await Send(TelemetryTopics.Fix("test", "truck-e"), new Envelope { DeviceId = "truck-e", Sequence = 1 + (batch * 3), SentTimeUnixMs = SentMs, Fixes = FixBatchCodec.Encode(fixes, SentMs) }.ToByteArray());
            if (batch == 2)
            {
                await Send(TelemetryTopics.Fix("test", "giant"), new byte[8 * 1024 * 1024]); // live, while connected
            }
        }

        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 15, TimeSpan.FromMinutes(2), () => $"{consumer.Counters}");
        await Collector.WaitUntilAsync(() => consumer.Counters.Malformed == 1 && consumer.Counters.Oversized == 1, TimeSpan.FromSeconds(10), () => $"{consumer.Counters}");
        TelemetryConsumerCounters status = consumer.Counters;
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), collector.Sequences("truck-e"));
        Assert.Equal(0, status.Gaps);
        Assert.Equal(1, status.Malformed); // the 59-byte bomb
        Assert.Equal(1, status.Oversized); // the 100 kB payload; the giants never left the broker
        Assert.Equal(1, status.Connections); // no reconnect loop
        Assert.True(status.Connected);
    }
}
