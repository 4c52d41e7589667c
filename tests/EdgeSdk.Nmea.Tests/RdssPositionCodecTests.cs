namespace EdgeSdk.Nmea.Tests;

public class RdssPositionCodecTests
{
    private const long T0 = 1796256000; // 2026-12-01T00:00:00Z
    private const int IdentifiedSixBytes = 60;

    // A truck on the G318 west of Lhasa: 6 fixes a minute apart at 25 m/s, turning.
    private static RdssPositionFix[] Drive(int count, int stepSeconds, double metersPerSecond, double startLat = 29.65, double startLon = 91.1)
    {
        var fixes = new RdssPositionFix[count];
        double lat = startLat, lon = startLon, heading = 250;
        for (int i = 0; i < count; i++)
        {
            fixes[i] = new RdssPositionFix
            {
                TimeUnixSeconds = T0 + (i * stepSeconds),
                LatitudeDegrees = lat,
                LongitudeDegrees = lon,
                SpeedMetersPerSecond = metersPerSecond,
                HeadingDegrees = heading,
                Status = RdssFixStatus.FixValid | RdssFixStatus.ThreeDimensional | RdssFixStatus.IgnitionOn,
            };
            double d = metersPerSecond * stepSeconds;
            lat += d * Math.Cos(heading * Math.PI / 180) / 111320.0;
            lon += d * Math.Sin(heading * Math.PI / 180) / (111320.0 * Math.Cos(lat * Math.PI / 180));
            heading = (heading + 17) % 360;
        }

        return fixes;
    }

    [Fact]
    public void A_batch_of_six_takes_at_most_11_bytes_per_fix_and_decodes_to_the_same_fixes()
    {
        RdssPositionFix[] fixes = Drive(6, 60, 25);
        byte[] buffer = new byte[70];
        Assert.Equal(6, RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out int bytes));
        Assert.Equal(47, bytes); // 7.83 bytes/fix (README)
        Assert.True(bytes <= 6 * 11);

        var codec = new RdssPositionCodec();
        var back = new RdssPositionFix[16];
        Assert.Equal(RdssCodecResult.Ok, codec.TryDecode(buffer, 0, bytes, back, out int n));
        Assert.Equal(6, n);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(fixes[i].TimeUnixSeconds, back[i].TimeUnixSeconds);
            Assert.Equal(fixes[i].LatitudeDegrees, back[i].LatitudeDegrees, 5);
            Assert.Equal(fixes[i].LongitudeDegrees, back[i].LongitudeDegrees, 5);
            Assert.Equal(25.0, back[i].SpeedMetersPerSecond);
            Assert.Equal(Math.Round(fixes[i].HeadingDegrees) % 360, back[i].HeadingDegrees);
            Assert.Equal(fixes[i].Status, back[i].Status);
        }

        Assert.Equal(1, codec.Decoded);
    }

    [Fact]
    public void An_identified_report_carries_the_queue_instance_and_each_fixs_sequence_newest_first()
    {
        RdssPositionFix[] fixes = Drive(6, 60, 25);
        Array.Reverse(fixes); // newest first, as the tracker's fallback sends them
        for (int i = 0; i < 6; i++)
        {
            fixes[i].Sequence = 1_000_000_000_005 - i;
        }

        byte[] buffer = new byte[70];
        Assert.Equal(6, RdssPositionCodec.EncodeIdentified(fixes, 0, 6, 0xDEADBEEF, buffer, 0, 70, out int bytes));
        Assert.Equal(IdentifiedSixBytes, bytes); // 10.0 bytes/fix (README): 13 more than the plain report, per report, not per fix

        var codec = new RdssPositionCodec();
        var back = new RdssPositionFix[16];
        Assert.Equal(RdssCodecResult.Ok, codec.TryDecode(buffer, 0, bytes, back, out int n, out uint tag));
        Assert.Equal(6, n);
        Assert.Equal(0xDEADBEEFu, tag);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(fixes[i].Sequence, back[i].Sequence);
            Assert.Equal(fixes[i].TimeUnixSeconds, back[i].TimeUnixSeconds);
            Assert.Equal(fixes[i].LatitudeDegrees, back[i].LatitudeDegrees, 5);
        }

        // A plain report decodes with sequence 0 and tag 0 through the same call.
        Assert.Equal(6, RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out bytes));
        Assert.Equal(RdssCodecResult.Ok, codec.TryDecode(buffer, 0, bytes, back, out n, out tag));
        Assert.Equal((6, 0u, 0L), (n, tag, back[5].Sequence));
    }

    [Fact]
    public void Irregular_sequence_steps_cost_bits_and_a_step_too_large_leaves_the_fix_for_the_next_report()
    {
        RdssPositionFix[] fixes = Drive(4, 60, 25);
        long[] sequences = [500, 440, 380, 7]; // one fix per minute at 1 Hz, then a jump back
        for (int i = 0; i < 4; i++)
        {
            fixes[i].Sequence = sequences[i];
        }

        byte[] buffer = new byte[70];
        Assert.Equal(4, RdssPositionCodec.EncodeIdentified(fixes, 0, 4, 7, buffer, 0, 70, out int bytes));
        var codec = new RdssPositionCodec();
        var back = new RdssPositionFix[16];
        Assert.Equal(RdssCodecResult.Ok, codec.TryDecode(buffer, 0, bytes, back, out int n, out _));
        Assert.Equal(sequences, back.Take(n).Select(f => f.Sequence));

        fixes[3].Sequence = 1L << 39; // a residual wider than 31 bits cannot be coded: three fixes go, one stays
        Assert.Equal(3, RdssPositionCodec.EncodeIdentified(fixes, 0, 4, 7, buffer, 0, 70, out _));
        fixes[0].Sequence = 0; // not a queue sequence
        Assert.Equal(0, RdssPositionCodec.EncodeIdentified(fixes, 0, 4, 7, buffer, 0, 70, out _));
    }

    [Fact]
    public void The_worst_position_error_stays_below_0_79_m_over_100000_random_fixes()
    {
        var random = new Random(15);
        var fixes = new RdssPositionFix[1];
        var back = new RdssPositionFix[1];
        byte[] buffer = new byte[32];
        var codec = new RdssPositionCodec();
        double worst = 0;
        for (int i = 0; i < 100000; i++)
        {
            fixes[0] = new RdssPositionFix
            {
                TimeUnixSeconds = T0 + i,
                LatitudeDegrees = (random.NextDouble() * 180) - 90,
                LongitudeDegrees = (random.NextDouble() * 360) - 180,
                SpeedMetersPerSecond = double.NaN,
                HeadingDegrees = double.NaN,
            };
            Assert.Equal(1, RdssPositionCodec.Encode(fixes, 0, 1, buffer, 0, buffer.Length, out int bytes));
            Assert.Equal(15, bytes);
            Assert.Equal(RdssCodecResult.Ok, codec.TryDecode(buffer, 0, bytes, back, out _));
            double north = (back[0].LatitudeDegrees - fixes[0].LatitudeDegrees) * 111320.0;
            double east = (back[0].LongitudeDegrees - fixes[0].LongitudeDegrees) * 111320.0 * Math.Cos(fixes[0].LatitudeDegrees * Math.PI / 180);
            worst = Math.Max(worst, Math.Sqrt((north * north) + (east * east)));
            Assert.True(double.IsNaN(back[0].SpeedMetersPerSecond));
        }

        Assert.InRange(worst, 0.5, 0.79); // measured 0.783 m (README); the bound is 0.5e-5° per axis
    }

    [Fact]
    public void One_global_message_of_70_bytes_carries_six_steady_fixes_however_far_apart()
    {
        // Six fixes at the corners of the world, 10 minutes apart, with a few seconds of jitter.
        double[] lat = { -89.9, 89.9, -45, 60, 0, -89.9 };
        double[] lon = { -179.9, 179.9, 0, -120, 179.9, -179.9 };
        var fixes = new RdssPositionFix[6];
        for (int i = 0; i < 6; i++)
        {
            fixes[i] = new RdssPositionFix { TimeUnixSeconds = T0 + (i * 600) + (i % 2 * 7), LatitudeDegrees = lat[i], LongitudeDegrees = lon[i], SpeedMetersPerSecond = 102.2, HeadingDegrees = 359 };
        }

        byte[] buffer = new byte[70];
        Assert.Equal(6, RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out int bytes));
        Assert.InRange(bytes, 60, 70);
        var back = new RdssPositionFix[6];
        Assert.Equal(RdssCodecResult.Ok, new RdssPositionCodec().TryDecode(buffer, 0, bytes, back, out int n));
        Assert.Equal(6, n);
        Assert.Equal(fixes.Select(f => f.TimeUnixSeconds), back.Select(f => f.TimeUnixSeconds));
        Assert.Equal(-179.9, back[5].LongitudeDegrees, 5);
    }

    [Fact]
    public void When_not_all_fit_the_first_ones_are_packed_and_the_count_says_how_many()
    {
        RdssPositionFix[] fixes = Drive(16, 60, 25);
        byte[] buffer = new byte[70];
        int packed = RdssPositionCodec.Encode(fixes, 0, 16, buffer, 0, 70, out int bytes);
        Assert.Equal(9, packed);
        Assert.InRange(bytes, 1, 70);
        Assert.Equal(16, RdssPositionCodec.Encode(fixes, 0, 16, new byte[200], 0, 200, out _));
        Assert.Equal(0, RdssPositionCodec.Encode(fixes, 0, 1, buffer, 0, 10, out _)); // one fix needs 15 bytes
    }

    [Fact]
    public void Bad_reports_are_refused_with_their_reason_and_counted()
    {
        RdssPositionFix[] fixes = Drive(6, 60, 25);
        byte[] buffer = new byte[70];
        RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out int bytes);
        var codec = new RdssPositionCodec();
        var back = new RdssPositionFix[16];
        Assert.Equal(RdssCodecResult.Truncated, codec.TryDecode(buffer, 0, bytes - 3, back, out int n));
        Assert.Equal(0, n);
        Assert.Equal(RdssCodecResult.TargetTooSmall, codec.TryDecode(buffer, 0, bytes, new RdssPositionFix[5], out _));
        Assert.Equal(RdssCodecResult.NotAReport, codec.TryDecode(new byte[] { 0x48, 0x45, 0x4C }, 0, 3, back, out _));
        byte[] badLatitude = (byte[])buffer.Clone();
        badLatitude[4] = 0xFF; // latitude bits all ones: beyond +90°
        badLatitude[5] = 0xFF;
        Assert.Equal(RdssCodecResult.InvalidValue, codec.TryDecode(badLatitude, 0, bytes, back, out _));
        Assert.Equal(RdssCodecResult.Truncated, codec.TryDecode(null!, 0, 4, back, out _));
        Assert.Equal(2, codec.GetRejected(RdssCodecResult.Truncated));
        Assert.Equal(1, codec.GetRejected(RdssCodecResult.NotAReport));
        Assert.Equal(1, codec.GetRejected(RdssCodecResult.InvalidValue));
        Assert.Equal(1, codec.GetRejected(RdssCodecResult.TargetTooSmall));
        Assert.Equal(0, codec.Decoded);
    }

    [Fact]
    public void Encoding_and_decoding_allocate_nothing()
    {
        RdssPositionFix[] fixes = Drive(6, 60, 25);
        byte[] buffer = new byte[70];
        var back = new RdssPositionFix[16];
        var codec = new RdssPositionCodec();
        RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out int bytes);
        codec.TryDecode(buffer, 0, bytes, back, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            RdssPositionCodec.Encode(fixes, 0, 6, buffer, 0, 70, out bytes);
            codec.TryDecode(buffer, 0, bytes, back, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001, codec.Decoded);
    }
}
