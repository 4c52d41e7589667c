using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The firmware loop on simulated time, with the UART and the MQTT link in memory.</summary>
public class TrackerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const ulong Instance = 0x5EED_0000_0000_0014;

    private static TrackerOptions Options(int ring = 600, int batch = 20) => new()
    {
        DeviceId = "truck-07",
        Fleet = "cq",
        RingCapacity = ring,
        BatchSize = batch,
        BatchMaxDelayMilliseconds = 2000,
        QueueInstance = Instance,
    };

    // Polls until the UART is drained, its idle gap closed the last epoch, and nothing waits to be sent.
    private static void RunUntilIdle(TrackerApp tracker, MemorySerialLink serial, ManualClock clock, bool expectEmptyRing = true)
    {
        for (int i = 0; i < 1_000_000; i++)
        {
            tracker.Poll();
            if (serial.Drained && clock.UptimeMilliseconds > 0 && (!expectEmptyRing || tracker.Ring.Count == 0) && i > 100)
            {
                long before = tracker.Fixes;
                for (int k = 0; k < 200; k++)
                {
                    tracker.Poll(); // 10 s of simulated silence: idle gap, batch delay, reconnect back-off
                }

                if (tracker.Fixes == before && (!expectEmptyRing || tracker.Ring.Count == 0))
                {
                    return;
                }
            }
        }

        Assert.Fail("the tracker never went idle");
    }

    private static long? E7(double? value) => value is { } v ? WireUnits.Round(v, 1e7) : null;

    private static List<(long Sequence, GnssFix Fix)> Delivered(MemoryMqttLink mqtt, out int batches)
    {
        var fixes = new List<(long, GnssFix)>();
        batches = 0;
        foreach ((string topic, byte[] payload, _) in mqtt.Messages.Where(m => m.Topic.EndsWith("/fix", StringComparison.Ordinal)))
        {
            Envelope envelope = Envelope.Parser.ParseFrom(payload);
            Assert.Equal("truck-07", envelope.DeviceId);
            Assert.Equal(Instance, envelope.QueueInstance);
            var decoded = new List<GnssFix>();
            Assert.True(FixBatchCodec.TryDecode(envelope.Fixes, envelope.SentTimeUnixMs, decoded, out string? error), error);
            for (int i = 0; i < decoded.Count; i++)
            {
                fixes.Add(((long)envelope.Sequence + i, decoded[i]));
            }

            batches++;
        }

        return fixes;
    }

    [Fact]
    public async Task A_drive_arrives_whole_numbered_from_1_with_the_fixes_EpochFusion_makes()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(300);
        List<GnssFix> reference = SimulatedDrive.Reference(drive);
        Assert.Equal(300, reference.Count);
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock);
        var mqtt = new MemoryMqttLink();
        var tracker = new TrackerApp(Options(), serial, mqtt, clock);
        serial.Write(drive);
        RunUntilIdle(tracker, serial, clock);

        List<(long Sequence, GnssFix Fix)> delivered = Delivered(mqtt, out int batches);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), delivered.Select(d => d.Sequence));
        Assert.Equal(15, batches); // 300 fixes in batches of 20
        Assert.Equal((300, 300, 0L), (tracker.Fixes, tracker.Published, tracker.Ring.DroppedTotal));
        for (int i = 0; i < 300; i++)
        {
            GnssFix got = delivered[i].Fix, want = reference[i];
            Assert.Equal(want.TimeUtc, got.TimeUtc);
            Assert.Equal(E7(want.LatitudeDegrees), E7(got.LatitudeDegrees));
            Assert.Equal(E7(want.LongitudeDegrees), E7(got.LongitudeDegrees));
            Assert.Equal(want.Mode, got.Mode);
        }

        // Connect: the Last Will and the retained online status come first, on the status topic.
        Assert.Equal(("edgesdk-cq-truck-07", "edgesdk/v1/cq/truck-07/status"), (mqtt.Will!.Value.ClientId, mqtt.Will.Value.Topic));
        Envelope will = Envelope.Parser.ParseFrom(mqtt.Will.Value.Payload);
        Assert.Equal((false, 0L), (will.Status.Online, will.SentTimeUnixMs));
        _ = System.Text.Encoding.UTF8.GetString(mqtt.Will.Value.Payload); // the will is valid UTF-8 (M2Mqtt takes it as a string)
        Assert.True(new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(System.Text.Encoding.UTF8.GetString(mqtt.Will.Value.Payload)) == mqtt.Will.Value.Payload.Length);
        (string topic, byte[] payload, bool retain) = mqtt.Messages[0];
        Assert.Equal(("edgesdk/v1/cq/truck-07/status", true), (topic, retain));
        Assert.True(Envelope.Parser.ParseFrom(payload).Status.Online);
        Assert.Equal(1 + 15, mqtt.Messages.Count);
        int fixBytes = mqtt.Messages.Where(m => m.Topic.EndsWith("/fix", StringComparison.Ordinal)).Sum(m => m.Payload.Length);
        output.WriteLine($"300 fixes in 15 messages: {fixBytes} payload bytes, {fixBytes / 300.0:F1} B per fix");
    }

    [Fact]
    public async Task Offline_with_a_small_ring_drops_the_oldest_counts_them_and_reports_them_at_reconnect()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(120);
        (byte[] online, byte[] offline) = SimulatedDrive.SplitAtEpoch(drive, 40);
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock);
        var mqtt = new MemoryMqttLink();
        var tracker = new TrackerApp(Options(ring: 25, batch: 10), serial, mqtt, clock);

        serial.Write(online);
        RunUntilIdle(tracker, serial, clock);
        Assert.Equal((40, 40), (tracker.Fixes, tracker.Published));

        mqtt.Online = false; // Wi-Fi gone: 80 epochs, room for 25
        serial.Write(offline);
        RunUntilIdle(tracker, serial, clock, expectEmptyRing: false);
        Assert.Equal((120L, 25, 55L), (tracker.Fixes, tracker.Ring.Count, tracker.Ring.DroppedTotal));
        Assert.Equal(96, tracker.Ring.FirstSequence); // 41..95 dropped, oldest first
        Assert.True(tracker.ConnectFailures >= 2, $"{tracker.ConnectFailures} connection attempts failed");

        mqtt.Online = true;
        RunUntilIdle(tracker, serial, clock);
        List<(long Sequence, GnssFix Fix)> delivered = Delivered(mqtt, out _);
        Assert.Equal(Enumerable.Range(1, 40).Concat(Enumerable.Range(96, 25)).Select(i => (long)i), delivered.Select(d => d.Sequence));
        Assert.Equal((120L, 65L, 2L), (tracker.Fixes, tracker.Published, tracker.Connections));

        // At reconnect: online status (25 queued, 55 dropped), FIXES_DROPPED (55), RECONNECTED (25 queued).
        var afterOutage = mqtt.Messages.SkipWhile(m => !m.Topic.EndsWith("/status", StringComparison.Ordinal) || mqtt.Messages.IndexOf(m) == 0)
            .Take(3).Select(m => Envelope.Parser.ParseFrom(m.Payload)).ToList();
        Assert.Equal((true, 25UL, 55UL), (afterOutage[0].Status.Online, afterOutage[0].Status.Queued, afterOutage[0].Status.Dropped));
        Assert.Equal((EventKind.FixesDropped, 55UL, 1UL), (afterOutage[1].Event.Kind, afterOutage[1].Event.Count, afterOutage[1].Sequence));
        Assert.Equal((EventKind.Reconnected, 25UL, 2UL), (afterOutage[2].Event.Kind, afterOutage[2].Event.Count, afterOutage[2].Sequence));
    }

    [Fact]
    public async Task Publishes_without_a_PUBACK_are_retried_after_the_back_off_and_nothing_is_lost_or_doubled()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(100);
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock);
        var mqtt = new MemoryMqttLink { FailNextPublishes = 2 }; // the online status at connect, then its retry
        var tracker = new TrackerApp(Options(batch: 10), serial, mqtt, clock);
        (byte[] first, byte[] second) = SimulatedDrive.SplitAtEpoch(drive, 50);
        serial.Write(first);
        RunUntilIdle(tracker, serial, clock);
        mqtt.FailNextPublishes = 3; // three fix batches in a row
        serial.Write(second);
        RunUntilIdle(tracker, serial, clock);

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), Delivered(mqtt, out int batches).Select(d => d.Sequence));
        Assert.Equal((5L, 1L, 100L), (tracker.PublishFailures, tracker.Connections, tracker.Published));
        Assert.True(Envelope.Parser.ParseFrom(mqtt.Messages[0].Payload).Status.Online);
        Assert.Equal(1, mqtt.Messages.Count(m => m.Topic.EndsWith("/status", StringComparison.Ordinal)));
        Assert.Equal(mqtt.Messages.Count - 1, batches);
    }

    [Fact]
    public void Garbage_on_the_UART_is_counted_and_makes_no_fix()
    {
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock);
        var tracker = new TrackerApp(Options(), serial, new MemoryMqttLink(), clock);
        serial.Write(System.Text.Encoding.ASCII.GetBytes("$GNRMC,12x000.00,A,29xx.6,N,106,E,,,301126,,,A*00\r\n\0\0\xff garbage $GNGGA,1*7F\r\n"));
        RunUntilIdle(tracker, serial, clock);
        Assert.Equal(0, tracker.Fixes);
        Assert.Equal(2, tracker.NmeaStatistics.Rejected);
    }

    [Theory]
    [InlineData("", "default", "device ID '' is not allowed")]
    [InlineData("a/b", "default", "device ID 'a/b' is not allowed")]
    [InlineData("truck", "fleet+", "fleet 'fleet+' is not allowed")]
    [InlineData("..", "default", "device ID '..' is not allowed")]
    public void Bad_names_are_refused_with_one_line_naming_them(string device, string fleet, string message)
    {
        var clock = new ManualClock();
        var error = Assert.Throws<ArgumentException>(() =>
            new TrackerApp(new TrackerOptions { DeviceId = device, Fleet = fleet, QueueInstance = 1 }, new MemorySerialLink(clock), new MemoryMqttLink(), clock));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Names_follow_the_dotnet_rule_for_every_ascii_character()
    {
        for (char c = '\0'; c < 0x80; c++)
        {
            string name = "a" + c;
            Assert.Equal(TelemetryNames.IsValid(name), TrackerOptions.NameError(name, "device") == null);
        }

        Assert.Null(TrackerOptions.NameError("京A12345", "device"));
        Assert.NotNull(TrackerOptions.NameError(new string('a', 65), "device"));
        Assert.NotNull(new TrackerOptions { DeviceId = "a", QueueInstance = 0 }.Validate());
        Assert.NotNull(new TrackerOptions { DeviceId = "a", QueueInstance = 1, PayloadBufferBytes = TrackerOptions.MinPayloadBufferBytes - 1 }.Validate());
        Assert.Null(new TrackerOptions { DeviceId = "a", QueueInstance = 1, PayloadBufferBytes = TrackerOptions.MinPayloadBufferBytes }.Validate());
    }
}
