namespace EdgeSdk.Nmea;

/// <summary>
/// Packs fixes into the fewest bytes for a BeiDou short message, and back. A report holds 1–16 fixes: the
/// first absolute, the others as differences from the one before, with bit widths chosen per report for
/// the largest difference in it, so a batch of 6 fixes one minute apart at highway speed takes 47 bytes
/// (7.8 bytes/fix), and one 560-bit global message (70 bytes) carries at least 6 fixes taken at a steady
/// interval (steps within ±7 s of the first one) however far apart they are on Earth.
/// </summary>
/// <remarks>
/// <para>Layout, most-significant bit first: marker 0101 (4 bits), fix count − 1 (4); first fix: seconds
/// since 2020-01-01 UTC (31), latitude + 90° in 1e-5° (25), longitude + 180° in 1e-5° (26), then the common
/// tail; when more than one fix: widths of the time, latitude and longitude differences (5 bits each) and
/// the base time step (18, zigzag); each further fix: zigzag(step − base) (time width), zigzag latitude and
/// longitude differences (their widths), common tail. Common tail: speed in 0.1 m/s (10, 1023 unknown),
/// heading in degrees (9, 511 unknown), status (4).</para>
/// <para>Rounding to 1e-5° bounds the error to 0.5e-5° per axis: at most 0.56 m north–south and 0.56 m
/// east–west (less away from the equator), 0.79 m in all. Portable: no allocation, no <c>System.Math</c>.</para>
/// <para>Identified report (<see cref="EncodeIdentified"/>, marker 0110): the same layout with the fixes' identity
/// added, so the platform can match each fix with the copy that arrives later over MQTT: after the header, the
/// low 32 bits of the sender's queue instance and the first fix's sequence number (40); when more than one fix,
/// after the three widths and the base time step, the width of the sequence differences (5) and the base sequence
/// step (24, zigzag); each further fix then starts with zigzag(sequence step − base) (that width). Fixes taken
/// newest first code every step as 0 bits, so the identity costs 13 bytes per report (6 fixes: 60 bytes, 10.0 bytes/fix), not per fix.</para>
/// </remarks>
public sealed class RdssPositionCodec
{
    /// <summary>Most fixes in one report.</summary>
    public const int MaxFixes = 16;

    /// <summary>Unix time of the report epoch, 2020-01-01T00:00:00Z.</summary>
    public const long EpochUnixSeconds = 1577836800;

    private const int Marker = 0x5;
    private const int IdentifiedMarker = 0x6;
    private const int SequenceBits = 40;
    private const int IdentityBits = 32 + SequenceBits;
    private const int SequenceStepBits = 5 + 24;
    private const long MaxSequence = (1L << SequenceBits) - 1;
    private const int MaxWidth = 31;
    private const int HeaderBits = 8;
    private const int FirstBits = 31 + 25 + 26;
    private const int TailBits = 10 + 9 + 4;
    private const int WidthsBits = 5 + 5 + 5 + 18;
    private const double Units = 1e5;
    private const int UnknownSpeed = 1023;
    private const int UnknownHeading = 511;

    private readonly long[] _rejected = new long[5];

    /// <summary>Reports decoded.</summary>
    public long Decoded { get; private set; }

    /// <summary>Reports refused for <paramref name="reason"/>.</summary>
    public long GetRejected(RdssCodecResult reason)
    {
        int i = (int)reason;
        return i > 0 && i < _rejected.Length ? _rejected[i] : 0;
    }

    /// <summary>
    /// Encodes as many of <c>fixes[offset..offset+count)</c> as fit in <paramref name="maxBytes"/> (all of
    /// them when they fit, else the first ones; at most <see cref="MaxFixes"/>) into <paramref name="buffer"/>
    /// at <paramref name="bufferOffset"/>. Returns how many fixes were packed (0 when not even one fits or
    /// the arguments are unusable); <paramref name="bytesWritten"/> is the report's length.
    /// </summary>
    public static int Encode(RdssPositionFix[] fixes, int offset, int count, byte[] buffer, int bufferOffset, int maxBytes, out int bytesWritten) =>
        EncodeCore(fixes, offset, count, false, 0, buffer, bufferOffset, maxBytes, out bytesWritten);

    /// <summary>
    /// As <see cref="Encode"/>, as an identified report: each fix also carries its
    /// <see cref="RdssPositionFix.Sequence"/> (1 to 2^40 − 1) and the report the low 32 bits of the sender's queue
    /// instance (<paramref name="queueInstanceTag"/>), so the platform can match the fixes with their full-resolution
    /// copies. Returns 0 when the first fix's sequence is out of range; fixes whose sequence steps do not fit are
    /// left for the next report like fixes that do not fit in <paramref name="maxBytes"/>.
    /// </summary>
    public static int EncodeIdentified(RdssPositionFix[] fixes, int offset, int count, uint queueInstanceTag, byte[] buffer, int bufferOffset, int maxBytes, out int bytesWritten) =>
        EncodeCore(fixes, offset, count, true, queueInstanceTag, buffer, bufferOffset, maxBytes, out bytesWritten);

    private static int EncodeCore(RdssPositionFix[] fixes, int offset, int count, bool identified, uint tag, byte[] buffer, int bufferOffset, int maxBytes, out int bytesWritten)
    {
        bytesWritten = 0;
        if (fixes == null || buffer == null || offset < 0 || count < 1 || offset + count > fixes.Length || bufferOffset < 0 || maxBytes < 1)
        {
            return 0;
        }

        if (identified && (fixes[offset].Sequence < 1 || fixes[offset].Sequence > MaxSequence))
        {
            return 0;
        }

        if (bufferOffset + maxBytes > buffer.Length)
        {
            maxBytes = buffer.Length - bufferOffset;
        }

        int n = count > MaxFixes ? MaxFixes : count;
        int wT = 0, wLat = 0, wLon = 0, wS = 0;
        long tBase = 0, sBase = 0;
        for (; n >= 1; n--)
        {
            Widths(fixes, offset, n, out wT, out wLat, out wLon, out tBase);
            wS = identified ? SequenceWidth(fixes, offset, n, out sBase) : 0;
            int bits = Bits(n, wT, wLat, wLon) + (identified ? IdentityBits + (n > 1 ? SequenceStepBits + ((n - 1) * wS) : 0) : 0);
            if (wS <= MaxWidth && bits <= maxBytes * 8)
            {
                break;
            }
        }

        if (n < 1)
        {
            return 0;
        }

        var w = new RdssBitWriter(buffer, bufferOffset, maxBytes);
        w.Write(identified ? IdentifiedMarker : Marker, 4);
        w.Write(n - 1, 4);
        RdssPositionFix first = fixes[offset];
        if (identified)
        {
            w.Write(tag, 32);
            w.Write(first.Sequence, SequenceBits);
        }

        w.Write(Clamp(first.TimeUnixSeconds - EpochUnixSeconds, 0, (1L << 31) - 1), 31);
        long lat = Quantize(first.LatitudeDegrees), lon = Quantize(first.LongitudeDegrees);
        w.Write(Clamp(lat + 9000000, 0, 18000000), 25);
        w.Write(Clamp(lon + 18000000, 0, 36000000), 26);
        WriteTail(ref w, first);
        if (n > 1)
        {
            w.Write(wT, 5);
            w.Write(wLat, 5);
            w.Write(wLon, 5);
            w.Write(ZigZag(tBase), 18);
            if (identified)
            {
                w.Write(wS, 5);
                w.Write(ZigZag(sBase), 24);
            }

            for (int i = 1; i < n; i++)
            {
                RdssPositionFix f = fixes[offset + i];
                RdssPositionFix p = fixes[offset + i - 1];
                if (identified)
                {
                    w.Write(ZigZag(f.Sequence - p.Sequence - sBase), wS);
                }

                w.Write(ZigZag(f.TimeUnixSeconds - p.TimeUnixSeconds - tBase), wT);
                w.Write(ZigZag(Quantize(f.LatitudeDegrees) - Quantize(p.LatitudeDegrees)), wLat);
                w.Write(ZigZag(Quantize(f.LongitudeDegrees) - Quantize(p.LongitudeDegrees)), wLon);
                WriteTail(ref w, f);
            }
        }

        bytesWritten = (w.Bits + 7) / 8;
        return n;
    }

    /// <summary>
    /// Decodes a report into <paramref name="target"/> from index 0; <paramref name="count"/> is how many
    /// fixes it held. Never throws; a refusal is counted under its reason.
    /// </summary>
    public RdssCodecResult TryDecode(byte[] data, int offset, int length, RdssPositionFix[] target, out int count) =>
        TryDecode(data, offset, length, target, out count, out _);

    /// <summary>
    /// As <see cref="TryDecode(byte[], int, int, RdssPositionFix[], out int)"/>, for plain and identified reports:
    /// <paramref name="queueInstanceTag"/> is the sender's queue instance (low 32 bits) and each fix's
    /// <see cref="RdssPositionFix.Sequence"/> is set; both are 0 for a plain report.
    /// </summary>
    public RdssCodecResult TryDecode(byte[] data, int offset, int length, RdssPositionFix[] target, out int count, out uint queueInstanceTag)
    {
        count = 0;
        RdssCodecResult r = Decode(data, offset, length, target, out int n, out queueInstanceTag);
        if (r != RdssCodecResult.Ok)
        {
            _rejected[(int)r]++;
            return r;
        }

        count = n;
        Decoded++;
        return r;
    }

    /// <summary>Size in bytes of a report of <paramref name="count"/> fixes with the given difference widths (for planning).</summary>
    public static int SizeBytes(int count, int timeWidth, int latitudeWidth, int longitudeWidth) =>
        (Bits(count, timeWidth, latitudeWidth, longitudeWidth) + 7) / 8;

    private static RdssCodecResult Decode(byte[] data, int offset, int length, RdssPositionFix[] target, out int n, out uint tag)
    {
        n = 0;
        tag = 0;
        if (data == null || offset < 0 || length < 1 || offset + length > data.Length)
        {
            return RdssCodecResult.Truncated;
        }

        var r = new RdssBitReader(data, offset, length);
        long marker = r.Read(4);
        if (marker != Marker && marker != IdentifiedMarker)
        {
            return RdssCodecResult.NotAReport;
        }

        bool identified = marker == IdentifiedMarker;

        int count = (int)r.Read(4) + 1;
        if (target == null || target.Length < count)
        {
            return RdssCodecResult.TargetTooSmall;
        }

        long sequence = 0;
        if (identified)
        {
            tag = (uint)r.Read(32);
            sequence = r.Read(SequenceBits);
        }

        long t = r.Read(31) + EpochUnixSeconds;
        long lat = r.Read(25) - 9000000;
        long lon = r.Read(26) - 18000000;
        if (!Set(ref target[0], t, lat, lon, ref r))
        {
            return r.Overrun ? RdssCodecResult.Truncated : RdssCodecResult.InvalidValue;
        }

        target[0].Sequence = sequence;

        if (count > 1)
        {
            int wT = (int)r.Read(5), wLat = (int)r.Read(5), wLon = (int)r.Read(5);
            long tBase = UnZigZag(r.Read(18));
            int wS = identified ? (int)r.Read(5) : 0;
            long sBase = identified ? UnZigZag(r.Read(24)) : 0;
            for (int i = 1; i < count; i++)
            {
                sequence = identified ? sequence + UnZigZag(r.Read(wS)) + sBase : 0;
                t += UnZigZag(r.Read(wT)) + tBase;
                lat += UnZigZag(r.Read(wLat));
                lon += UnZigZag(r.Read(wLon));
                if (!Set(ref target[i], t, lat, lon, ref r))
                {
                    return r.Overrun ? RdssCodecResult.Truncated : RdssCodecResult.InvalidValue;
                }

                target[i].Sequence = sequence;
            }
        }

        n = count;
        return RdssCodecResult.Ok;
    }

    private static bool Set(ref RdssPositionFix f, long t, long lat, long lon, ref RdssBitReader r)
    {
        int speed = (int)r.Read(10), heading = (int)r.Read(9), status = (int)r.Read(4);
        if (r.Overrun)
        {
            return false;
        }

        if (lat < -9000000 || lat > 9000000 || lon < -18000000 || lon > 18000000 || (heading >= 360 && heading != UnknownHeading))
        {
            return false;
        }

        f.TimeUnixSeconds = t;
        f.LatitudeDegrees = lat / Units;
        f.LongitudeDegrees = lon / Units;
        f.SpeedMetersPerSecond = speed == UnknownSpeed ? double.NaN : speed / 10.0;
        f.HeadingDegrees = heading == UnknownHeading ? double.NaN : heading;
        f.Status = (RdssFixStatus)status;
        return true;
    }

    private static void WriteTail(ref RdssBitWriter w, RdssPositionFix f)
    {
        double s = f.SpeedMetersPerSecond;
        w.Write(double.IsNaN(s) ? UnknownSpeed : Clamp(Round(s * 10), 0, UnknownSpeed - 1), 10);
        double h = f.HeadingDegrees;
        long heading = double.IsNaN(h) ? UnknownHeading : Round(h) % 360;
        w.Write(heading < 0 ? heading + 360 : heading, 9);
        w.Write((int)f.Status & 0xF, 4);
    }

    private static void Widths(RdssPositionFix[] fixes, int offset, int n, out int wT, out int wLat, out int wLon, out long tBase)
    {
        wT = 0;
        wLat = 0;
        wLon = 0;
        tBase = 0;
        if (n < 2)
        {
            return;
        }

        // The base step is the first one: with a steady reporting interval every other step codes as 0 bits.
        tBase = Clamp(fixes[offset + 1].TimeUnixSeconds - fixes[offset].TimeUnixSeconds, -131072, 131071);
        for (int i = 1; i < n; i++)
        {
            RdssPositionFix f = fixes[offset + i], p = fixes[offset + i - 1];
            wT = Max(wT, Width(ZigZag(f.TimeUnixSeconds - p.TimeUnixSeconds - tBase)));
            wLat = Max(wLat, Width(ZigZag(Quantize(f.LatitudeDegrees) - Quantize(p.LatitudeDegrees))));
            wLon = Max(wLon, Width(ZigZag(Quantize(f.LongitudeDegrees) - Quantize(p.LongitudeDegrees))));
        }
    }

    // Width of the sequence residuals around the first step (newest-first batches step by -1: 0 bits each).
    private static int SequenceWidth(RdssPositionFix[] fixes, int offset, int n, out long sBase)
    {
        sBase = 0;
        if (n < 2)
        {
            return 0;
        }

        sBase = Clamp(fixes[offset + 1].Sequence - fixes[offset].Sequence, -8388608, 8388607);
        int w = 0;
        for (int i = 1; i < n; i++)
        {
            w = Max(w, Width(ZigZag(fixes[offset + i].Sequence - fixes[offset + i - 1].Sequence - sBase)));
        }

        return w;
    }

    private static int Bits(int n, int wT, int wLat, int wLon) =>
        HeaderBits + FirstBits + TailBits + (n > 1 ? WidthsBits + ((n - 1) * (wT + wLat + wLon + TailBits)) : 0);

    private static long Quantize(double degrees) => Round(degrees * Units);

    private static long Round(double v) => v >= 0 ? (long)(v + 0.5) : -(long)(-v + 0.5);

    private static long ZigZag(long v) => v >= 0 ? v << 1 : ((-v) << 1) - 1;

    private static long UnZigZag(long z) => (z & 1) == 0 ? z >> 1 : -((z + 1) >> 1);

    private static int Width(long v)
    {
        int w = 0;
        while (v > 0)
        {
            w++;
            v >>= 1;
        }

        return w;
    }

    private static int Max(int a, int b) => a > b ? a : b;

    private static long Clamp(long v, long min, long max) => v < min ? min : (v > max ? max : v);
}
