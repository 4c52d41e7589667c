using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using EdgeSdk.Tracker;
using Google.Protobuf;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The firmware's portable encoder writes the same bytes as Google.Protobuf with the .NET FixBatchCodec.</summary>
public class EncoderEqualityTests
{
    private const string Device = "truck-07";

    // What the .NET publisher sends for these fixes (TelemetryPublisher.PublishBatchAsync).
    private static byte[] DotNetBatch(string device, IReadOnlyList<TrackerFix> fixes, long sequence, long sentMs, ulong instance) => new Envelope
    {
        DeviceId = device,
        Sequence = (ulong)sequence,
        QueueInstance = instance,
        SentTimeUnixMs = sentMs,
        Fixes = FixBatchCodec.Encode(fixes.Select(Fixes.ToGnssFix).ToList(), sentMs),
    }.ToByteArray();

    private static byte[] FirmwareBatch(TelemetryEncoder encoder, FixRing ring, int count, long sentMs, ulong instance)
    {
        byte[] buffer = new byte[64 * 1024];
        int length = encoder.EncodeFixBatch(ring, count, sentMs, instance, buffer);
        Assert.True(length > 0, $"encoder refused a batch of {count}");
        return buffer.AsSpan(0, length).ToArray();
    }

    [Fact]
    public void Random_drives_with_edge_values_encode_to_the_same_bytes_in_3000_batches()
    {
        var random = new Random(20261130);
        var ring = new FixRing(64);
        var encoder = new TelemetryEncoder(Device, 50);
        TrackerFix? previous = null;
        int fixes = 0, withStateChanges = 0;
        long[] sentTimes = [1_764_460_900_000, 0, -5, 1, long.MaxValue / 4];
        ulong[] instances = [0x1234_5678_9ABC_DEF0, 0, 1, ulong.MaxValue];
        for (int batch = 0; batch < 3000; batch++)
        {
            int count = 1 + random.Next(50);
            var list = new List<TrackerFix>();
            for (int i = 0; i < count; i++)
            {
                previous = Fixes.Next(random, previous);
                list.Add(previous);
                ring.Add(previous);
            }

            long sent = batch % 7 == 0 ? sentTimes[random.Next(sentTimes.Length)] : previous!.TimeUnixMilliseconds + 300;
            ulong instance = instances[batch % instances.Length];
            long sequence = ring.FirstSequence;
            byte[] expected = DotNetBatch(Device, list, sequence, sent, instance);
            byte[] actual = FirmwareBatch(encoder, ring, count, sent, instance);
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"batch {batch} ({count} fixes from sequence {sequence}) differs:\n.NET     {Convert.ToHexString(expected)}\nfirmware {Convert.ToHexString(actual)}");
            Assert.Equal(count, ring.RemoveThrough(sequence + count - 1));
            fixes += count;
            withStateChanges += Envelope.Parser.ParseFrom(expected).Fixes.States.Count > 1 ? 1 : 0;
        }

        Assert.Equal(0, ring.Count);
        Assert.Equal(fixes + 1, ring.NextSequence);
        Assert.True(withStateChanges > 1000, $"only {withStateChanges} batches changed state: the test would not cover state_starts");
    }

    [Fact]
    public void Every_edge_value_alone_encodes_to_the_same_bytes()
    {
        double[] values = [0.0, -0.0, 0.05, -0.05, 0.15, -0.15, 0.25, -0.25, 359.95, 360, -360, 720.04, 1e-300, 4.5e15, -4.5e15, 1e19, -1e19,
            double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 90, -90, 180, -180];
        var encoder = new TelemetryEncoder("京A12345", 4);
        int compared = 0;
        for (int field = 0; field < 6; field++)
        {
            foreach (double value in values)
            {
                var ring = new FixRing(4);
                var list = new List<TrackerFix>();
                for (int i = 0; i < 3; i++)
                {
                    var fix = Fixes.Next(new Random(i), null);
                    if (i == 1)
                    {
                        // The middle fix carries the edge value, so it is a difference in both directions.
                        switch (field)
                        {
                            case 0: fix.LatitudeDegrees = value; break;
                            case 1: fix.LongitudeDegrees = value; break;
                            case 2: fix.AltitudeMslMeters = value; break;
                            case 3: fix.SpeedMetersPerSecond = value; break;
                            case 4: fix.CourseDegrees = value; break;
                            default: fix.LatitudeDegrees = fix.LongitudeDegrees = value; break;
                        }
                    }

                    list.Add(fix);
                    ring.Add(fix);
                }

                byte[] expected = DotNetBatch("京A12345", list, 1, 1_764_460_800_000, 7);
                byte[] actual = FirmwareBatch(encoder, ring, 3, 1_764_460_800_000, 7);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"field {field} = {value:R}:\n.NET     {Convert.ToHexString(expected)}\nfirmware {Convert.ToHexString(actual)}");
                compared++;
            }
        }

        Assert.Equal(6 * values.Length, compared);
    }

    [Fact]
    public void A_long_constant_batch_is_padded_to_the_decoder_budget_like_the_dotnet_codec()
    {
        // 1,000 parked fixes using 128 satellites: 1,128 objects, more than a few bytes' budget allows.
        var fix = new TrackerFix { HasTime = true, TimeUnixMilliseconds = 1_764_460_800_000, LatitudeDegrees = 29.5, LongitudeDegrees = 106.5, AltitudeMslMeters = 250, SpeedMetersPerSecond = 0, CourseDegrees = 0, Mode = 3, Quality = 1 };
        fix.SetSatellitesUsed(0, 100);
        fix.SetSatellitesUsed(1, 28);
        var ring = new FixRing(1000);
        var list = new List<TrackerFix>();
        for (int i = 0; i < 1000; i++)
        {
            var copy = new TrackerFix();
            copy.CopyFrom(fix);
            copy.TimeUnixMilliseconds += 1000L * i;
            list.Add(copy);
            ring.Add(copy);
        }

        byte[] expected = DotNetBatch(Device, list, 1, fix.TimeUnixMilliseconds, 9);
        byte[] actual = FirmwareBatch(new TelemetryEncoder(Device, 1000), ring, 1000, fix.TimeUnixMilliseconds, 9);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
        FixBatch batch = Envelope.Parser.ParseFrom(expected).Fixes;
        Assert.Equal(33, batch.TimeMs.Count); // padded: trimmed, the time column would be 2 entries
    }

    [Fact]
    public void Firmware_batches_decode_with_the_dotnet_codec_to_the_quantized_fixes()
    {
        var random = new Random(7);
        var ring = new FixRing(20);
        var encoder = new TelemetryEncoder(Device, 20);
        TrackerFix? previous = null;
        var sent = new List<TrackerFix>();
        for (int i = 0; i < 20; i++)
        {
            previous = Fixes.Next(random, previous);
            previous.TimeUnixMilliseconds = 1_764_460_800_000 + (1000L * i); // the decoder accepts 1970-9999 only
            sent.Add(previous);
            ring.Add(previous);
        }

        Envelope envelope = Envelope.Parser.ParseFrom(FirmwareBatch(encoder, ring, 20, 1_764_460_900_000, 3));
        var decoded = new List<GnssFix>();
        Assert.True(FixBatchCodec.TryDecode(envelope.Fixes, envelope.SentTimeUnixMs, decoded, out string? error), error);
        var reference = new List<GnssFix>();
        Assert.True(FixBatchCodec.TryDecode(FixBatchCodec.Encode(sent.Select(Fixes.ToGnssFix).ToList(), 1_764_460_900_000), 1_764_460_900_000, reference, out error), error);
        Assert.Equal(20, decoded.Count);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(reference[i].TimeUtc, decoded[i].TimeUtc);
            Assert.Equal(reference[i].LatitudeDegrees, decoded[i].LatitudeDegrees);
            Assert.Equal(reference[i].LongitudeDegrees, decoded[i].LongitudeDegrees);
            Assert.Equal(reference[i].AltitudeMslMeters, decoded[i].AltitudeMslMeters);
            Assert.Equal(reference[i].SpeedMetersPerSecond, decoded[i].SpeedMetersPerSecond);
            Assert.Equal(reference[i].CourseDegrees, decoded[i].CourseDegrees);
            Assert.Equal(reference[i].SatellitesUsed, decoded[i].SatellitesUsed);
            Assert.Equal(reference[i].Mode, decoded[i].Mode);
        }
    }

    [Theory]
    [InlineData(true, 0, 0, "0.1.0", 1_764_460_800_000)]
    [InlineData(false, 0, 0, "0.1.0", 0)]
    [InlineData(true, 600, 123_456_789, "1.2.3-nano", 1_764_460_800_000)]
    [InlineData(false, 1, long.MaxValue, "", -1)]
    public void Status_envelopes_are_the_same_bytes(bool online, long queued, long dropped, string version, long sentMs)
    {
        byte[] expected = new Envelope
        {
            DeviceId = Device,
            SentTimeUnixMs = sentMs,
            Status = new DeviceStatus { Online = online, Queued = (ulong)queued, Dropped = (ulong)dropped, SoftwareVersion = version },
        }.ToByteArray();
        byte[] buffer = new byte[256];
        int length = new TelemetryEncoder(Device, 1).EncodeStatus(online, queued, dropped, Utf8.GetBytes(version), sentMs, buffer);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [InlineData(TelemetryEncoder.EventFixesDropped, 1, 42, 142, "fix ring full: oldest fixes dropped")]
    [InlineData(TelemetryEncoder.EventReconnected, 300, 0, 0, "")]
    [InlineData(TelemetryEncoder.EventFixesDropped, long.MaxValue, long.MaxValue, long.MaxValue, "détail 京 \U0001F69A")]
    public void Event_envelopes_are_the_same_bytes(int kind, long sequence, long count, long droppedTotal, string detail)
    {
        byte[] expected = new Envelope
        {
            DeviceId = "京A12345",
            Sequence = (ulong)sequence,
            SentTimeUnixMs = 1_764_460_800_000,
            Event = new DeviceEvent { Kind = (EventKind)kind, Count = (ulong)count, Detail = detail, DroppedTotal = (ulong)droppedTotal },
            QueueInstance = 0x8000_0000_0000_0001UL,
        }.ToByteArray();
        byte[] buffer = new byte[256];
        int length = new TelemetryEncoder("京A12345", 1).EncodeEvent(kind, sequence, count, droppedTotal, Utf8.GetBytes(detail), 1_764_460_800_000, 0x8000_0000_0000_0001UL, buffer);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length));
    }

    [Theory]
    [InlineData("truck-07")]
    [InlineData("京A12345")]
    [InlineData("a\uD800b")] // lone surrogate: U+FFFD, as .NET's UTF-8 encoder writes it
    [InlineData("\U0001F69A")]
    [InlineData("")]
    public void Utf8_matches_dotnet(string text)
    {
        Assert.Equal(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text)), Convert.ToHexString(Utf8.GetBytes(text)));
    }

    [Fact]
    public void The_widest_single_fix_fits_the_smallest_payload_buffer()
    {
        var fix = new TrackerFix
        {
            HasTime = true, TimeUnixMilliseconds = -62_135_596_800_000, LatitudeDegrees = -1e300, LongitudeDegrees = 1e300,
            AltitudeMslMeters = -1e300, SpeedMetersPerSecond = 1e300, CourseDegrees = -1e300, Mode = 3, Quality = 255,
        };
        for (int slot = 0; slot < TrackerFix.SatelliteSlots; slot++)
        {
            fix.SetSatellitesUsed(slot, 16);
        }

        var ring = new FixRing(1);
        ring.Add(fix);
        string device = new('京', 64);
        byte[] buffer = new byte[TrackerOptions.MinPayloadBufferBytes];
        int length = new TelemetryEncoder(device, 1).EncodeFixBatch(ring, 1, long.MaxValue, ulong.MaxValue, buffer);
        Assert.Equal(301, length);
        Assert.Equal(Convert.ToHexString(DotNetBatch(device, [fix], 1, long.MaxValue, ulong.MaxValue)), Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void A_buffer_too_small_is_refused_without_writing()
    {
        var ring = new FixRing(4);
        ring.Add(Fixes.Next(new Random(1), null));
        byte[] buffer = new byte[10];
        Assert.Equal(-1, new TelemetryEncoder(Device, 4).EncodeFixBatch(ring, 1, 1, 1, buffer));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(-1, new TelemetryEncoder(Device, 4).EncodeFixBatch(ring, 2, 1, 1, new byte[1024])); // more than the ring holds
    }
}
