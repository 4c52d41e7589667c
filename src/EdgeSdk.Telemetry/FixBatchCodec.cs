using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf.Collections;

namespace EdgeSdk.Telemetry;

/// <summary>
/// Turns consecutive <see cref="GnssFix"/> values into a delta-encoded <see cref="FixBatch"/> and
/// back (see <c>Protos/telemetry.proto</c> for the column rules). Quantities are quantized to the
/// wire units: 1 ms, 1e-7°, 1 dm, 1 cm/s, 0.1°, DOPs in hundredths.
/// </summary>
internal static class FixBatchCodec
{
    /// <summary>Largest batch <see cref="TryDecode"/> accepts; a bigger count is malformed input.</summary>
    public const int MaxFixesPerBatch = 10_000;

    /// <summary>
    /// Most satellites one state may claim as used, over all constellations: more than any receiver
    /// tracks (72–200 channels count signals, and a satellite used on several signals counts once).
    /// </summary>
    public const int MaxSatellitesPerState = 128;

    /// <summary>
    /// Decoding budget: a batch of <c>size</c> encoded bytes may make at most
    /// <c>FreeDecodeObjects + DecodeObjectsPerByte × size</c> objects (fixes plus the satellites of
    /// its states). Checked before anything is allocated, so a few bytes that claim thousands of fixes
    /// with many satellites each are rejected cheaply. <see cref="Encode"/> always stays inside it.
    /// </summary>
    public const int FreeDecodeObjects = 64;

    /// <summary>Objects a batch may decode to per encoded byte (see <see cref="FreeDecodeObjects"/>).</summary>
    public const int DecodeObjectsPerByte = 16;

    // Bits of FixState.absent.
    private const uint AbsentTime = 1, AbsentPosition = 2, AbsentAltitude = 4, AbsentSpeed = 8, AbsentCourse = 16;
    private const long CourseModulus = 3600;
    private static readonly long MaxUnixMs = (long)(DateTime.MaxValue - DateTime.UnixEpoch).TotalMilliseconds;

    // Indexes into satellites_used, most used first so trailing zeros are cut; the last is "not attributed".
    private static readonly GnssSystem[] Systems =
        [GnssSystem.Beidou, GnssSystem.Gps, GnssSystem.Galileo, GnssSystem.Glonass, GnssSystem.Qzss,
         GnssSystem.Navic, GnssSystem.Sbas, GnssSystem.Unknown];

    private static readonly int Unattributed = Systems.Length - 1;

    /// <summary>Encodes fixes in order; fix times are stored relative to <paramref name="referenceUnixMs"/>.</summary>
    /// <param name="fixes">The fixes, oldest first.</param>
    /// <param name="referenceUnixMs">The envelope's send time (Unix ms), or 0 for absolute times.</param>
    public static FixBatch Encode(IReadOnlyList<GnssFix> fixes, long referenceUnixMs)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        int n = fixes.Count;
        var time = new long[n];
        var lat = new long[n];
        var lon = new long[n];
        var alt = new long[n];
        var speed = new long[n];
        var course = new long[n];
        var hdop = new long[n];
        var pdop = new long[n];
        var vdop = new long[n];
        var batch = new FixBatch { Count = (uint)n };
        FixState? previousState = null;
        for (int i = 0; i < n; i++)
        {
            GnssFix fix = fixes[i];
            uint absent = 0;
            time[i] = Quantize(fix.TimeUtc is { } t ? (t - DateTime.UnixEpoch).TotalMilliseconds : null, 1, i, time, AbsentTime, ref absent);
            bool position = fix.LatitudeDegrees.HasValue && fix.LongitudeDegrees.HasValue;
            lat[i] = Quantize(position ? fix.LatitudeDegrees : null, 1e7, i, lat, AbsentPosition, ref absent);
            lon[i] = Quantize(position ? fix.LongitudeDegrees : null, 1e7, i, lon, AbsentPosition, ref absent);
            alt[i] = Quantize(fix.AltitudeMslMeters, 10, i, alt, AbsentAltitude, ref absent);
            speed[i] = Quantize(fix.SpeedMetersPerSecond, 100, i, speed, AbsentSpeed, ref absent);
            course[i] = Quantize(fix.CourseDegrees, 10, i, course, AbsentCourse, ref absent);
            if (course[i] < 0 || course[i] >= CourseModulus)
            {
                course[i] = ((course[i] % CourseModulus) + CourseModulus) % CourseModulus;
            }

            hdop[i] = Dop(fix.Hdop);
            pdop[i] = Dop(fix.Pdop);
            vdop[i] = Dop(fix.Vdop);
            FixState state = StateOf(fix, absent);
            if (!state.Equals(previousState))
            {
                if (previousState != null)
                {
                    batch.StateStarts.Add((uint)i);
                }

                batch.States.Add(state);
                previousState = state;
            }
        }

        for (int i = 0; i < n; i++)
        {
            time[i] -= referenceUnixMs;
        }

        EncodeColumn(time, secondOrder: true, batch.TimeMs);
        EncodeColumn(lat, secondOrder: true, batch.LatitudeE7);
        EncodeColumn(lon, secondOrder: true, batch.LongitudeE7);
        EncodeColumn(alt, secondOrder: false, batch.AltitudeMslDm);
        EncodeColumn(speed, secondOrder: false, batch.SpeedCmPerS);
        EncodeColumn(course, secondOrder: false, batch.CourseDdeg, CourseModulus);
        EncodeColumn(hdop, secondOrder: false, batch.HdopCenti);
        EncodeColumn(pdop, secondOrder: false, batch.PdopCenti);
        EncodeColumn(vdop, secondOrder: false, batch.VdopCenti);
        PadToBudget(batch, n);
        return batch;
    }

    /// <summary>
    /// The decoding cost of <paramref name="batch"/> in objects (fixes plus the satellites of each
    /// state, which fixes of one state share), and the most the budget allows for its encoded size; or
    /// an error when a state claims more than <see cref="MaxSatellitesPerState"/> satellites.
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cost">Fixes plus satellites the batch decodes to.</param>
    /// <param name="budget">What its size allows.</param>
    internal static string? Cost(FixBatch batch, out long cost, out long budget)
    {
        cost = batch.Count;
        foreach (FixState state in batch.States)
        {
            long used = 0;
            foreach (uint count in state.SatellitesUsed)
            {
                used += count;
            }

            if (used > MaxSatellitesPerState)
            {
                budget = 0;
                return $"a state claims {used} satellites used, more than {MaxSatellitesPerState}";
            }

            cost += used;
        }

        budget = FreeDecodeObjects + ((long)DecodeObjectsPerByte * batch.CalculateSize());
        return null;
    }

    // A long, constant batch (a parked truck in static hold: its columns cut to a few entries) could be
    // smaller than the decoder's budget allows; spell out zero time differences (1 byte each, still a
    // valid column) until it fits, so every batch this encoder makes is one every decoder accepts.
    private static void PadToBudget(FixBatch batch, int n)
    {
        while (Cost(batch, out long cost, out long budget) == null && cost > budget && batch.TimeMs.Count < n)
        {
            long missing = ((cost - budget) + DecodeObjectsPerByte - 1) / DecodeObjectsPerByte;
            int add = (int)Math.Min(missing, n - batch.TimeMs.Count);
            for (int i = 0; i < add; i++)
            {
                batch.TimeMs.Add(0);
            }
        }
    }

    /// <summary>
    /// Decodes a batch into fixes. Never throws on bad input: returns false with a reason when the
    /// batch breaks the column rules (too many entries, states out of order, too many fixes).
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="referenceUnixMs">The reference given to <see cref="Encode"/> (the envelope's send time).</param>
    /// <param name="fixes">Receives the fixes, oldest first.</param>
    /// <param name="error">Why the batch was rejected, or null.</param>
    public static bool TryDecode(FixBatch batch, long referenceUnixMs, List<GnssFix> fixes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(fixes);
        int n = (int)Math.Min(batch.Count, int.MaxValue);
        error = Validate(batch, n);
        if (error != null)
        {
            return false;
        }

        long[] time = DecodeColumn(batch.TimeMs, n, secondOrder: true);
        for (int i = 0; i < n; i++)
        {
            time[i] += referenceUnixMs;
        }

        long[] lat = DecodeColumn(batch.LatitudeE7, n, secondOrder: true);
        long[] lon = DecodeColumn(batch.LongitudeE7, n, secondOrder: true);
        long[] alt = DecodeColumn(batch.AltitudeMslDm, n, secondOrder: false);
        long[] speed = DecodeColumn(batch.SpeedCmPerS, n, secondOrder: false);
        long[] course = DecodeColumn(batch.CourseDdeg, n, secondOrder: false, modulus: CourseModulus);
        long[] hdop = DecodeColumn(batch.HdopCenti, n, secondOrder: false);
        long[] pdop = DecodeColumn(batch.PdopCenti, n, secondOrder: false);
        long[] vdop = DecodeColumn(batch.VdopCenti, n, secondOrder: false);
        if (time.Any(t => t < 0 || t > MaxUnixMs))
        {
            error = "fix time out of range";
            return false;
        }

        int stateIndex = 0;
        SatelliteInfo[]? satellites = null;
        for (int i = 0; i < n; i++)
        {
            while (stateIndex < batch.StateStarts.Count && batch.StateStarts[stateIndex] <= i)
            {
                stateIndex++;
                satellites = null;
            }

            FixState state = batch.States[stateIndex];
            satellites ??= SatellitesOf(state); // one read-only list per state, shared by its fixes
            uint absent = state.Absent;
            fixes.Add(new GnssFix
            {
                TimeUtc = Has(absent, AbsentTime) ? DateTime.UnixEpoch.AddMilliseconds(time[i]) : null,
                Mode = (Gnss.FixMode)(int)state.Mode,
                Quality = (FixQuality)state.Quality,
                LatitudeDegrees = Has(absent, AbsentPosition) ? lat[i] / 1e7 : null,
                LongitudeDegrees = Has(absent, AbsentPosition) ? lon[i] / 1e7 : null,
                AltitudeMslMeters = Has(absent, AbsentAltitude) ? alt[i] / 10.0 : null,
                SpeedMetersPerSecond = Has(absent, AbsentSpeed) ? speed[i] / 100.0 : null,
                CourseDegrees = Has(absent, AbsentCourse) ? course[i] / 10.0 : null,
                Hdop = FromDop(hdop[i]),
                Pdop = FromDop(pdop[i]),
                Vdop = FromDop(vdop[i]),
                Satellites = satellites,
                SatellitesUsed = (int)state.SatellitesUsed.Sum(c => (long)c),
            });
        }

        return true;
    }

    private static string? Validate(FixBatch batch, int n)
    {
        if (n > MaxFixesPerBatch)
        {
            return $"batch of {batch.Count} fixes exceeds {MaxFixesPerBatch}";
        }

        // Before any allocation: the claimed counts must fit what the bytes can honestly carry.
        string? error = Cost(batch, out long cost, out long budget);
        if (error != null)
        {
            return error;
        }

        if (cost > budget)
        {
            return $"batch of {batch.CalculateSize()} bytes claims {batch.Count} fixes and {cost - batch.Count} satellites, more than its size allows ({budget} objects)";
        }

        if (n > 0 && batch.States.Count == 0)
        {
            return "batch has fixes but no state";
        }

        if (batch.StateStarts.Count != Math.Max(0, batch.States.Count - 1))
        {
            return "state_starts does not match states";
        }

        for (int i = 0; i < batch.StateStarts.Count; i++)
        {
            uint start = batch.StateStarts[i];
            if (start == 0 || start >= n || (i > 0 && start <= batch.StateStarts[i - 1]))
            {
                return "state_starts out of order";
            }
        }

        bool tooLong = batch.TimeMs.Count > n || batch.LatitudeE7.Count > n || batch.LongitudeE7.Count > n
            || batch.AltitudeMslDm.Count > n || batch.SpeedCmPerS.Count > n || batch.CourseDdeg.Count > n
            || batch.HdopCenti.Count > n || batch.PdopCenti.Count > n || batch.VdopCenti.Count > n;
        return tooLong ? "a column has more entries than fixes" : null;
    }

    private static bool Has(uint absent, uint bit) => (absent & bit) == 0;

    // DOPs travel in hundredths, 0 meaning "not reported" (see the proto); a reported DOP never rounds to 0.
    private static long Dop(double? value) => value is { } v && double.IsFinite(v) && v > 0
        ? Math.Clamp((long)Math.Round(v * 100, MidpointRounding.AwayFromZero), 1, 100_000)
        : 0;

    private static double? FromDop(long centi) => centi > 0 ? centi / 100.0 : null;

    // Quantizes a value to wire units; an absent value repeats the previous one and sets its bit.
    private static long Quantize(double? value, double scale, int index, long[] column, uint absentBit, ref uint absent)
    {
        if (value is { } v && double.IsFinite(v))
        {
            return (long)Math.Round(v * scale, MidpointRounding.AwayFromZero);
        }

        absent |= absentBit;
        return index > 0 ? column[index - 1] : 0;
    }

    private static FixState StateOf(GnssFix fix, uint absent)
    {
        var state = new FixState { Mode = (V1.FixMode)(int)fix.Mode, Absent = absent, Quality = (uint)fix.Quality };
        var counts = new uint[Systems.Length];
        int attributed = 0;
        for (int index = 0; index < Unattributed; index++)
        {
            int used = fix.SatellitesUsedBy(Systems[index]);
            counts[index] = (uint)used;
            attributed += used;
        }

        counts[Unattributed] = (uint)Math.Max(0, fix.SatellitesUsed - attributed);

        // The wire carries at most MaxSatellitesPerState (the decoder rejects more): clip, most used first.
        long room = MaxSatellitesPerState;
        for (int index = 0; index < counts.Length; index++)
        {
            counts[index] = (uint)Math.Min(counts[index], room);
            room -= counts[index];
        }
        int length = counts.Length;
        while (length > 0 && counts[length - 1] == 0)
        {
            length--;
        }

        state.SatellitesUsed.Add(counts.Take(length));
        return state;
    }

    // One SatelliteInfo per used satellite, carrying only its constellation: that is all the wire holds.
    private static SatelliteInfo[] SatellitesOf(FixState state)
    {
        var satellites = new List<SatelliteInfo>();
        for (int index = 0; index < state.SatellitesUsed.Count && index < Unattributed; index++)
        {
            for (uint k = 0; k < state.SatellitesUsed[index]; k++)
            {
                satellites.Add(new SatelliteInfo { System = Systems[index], Used = true });
            }
        }

        return satellites.ToArray();
    }

    private static void EncodeColumn(long[] values, bool secondOrder, RepeatedField<long> output, long modulus = 0)
    {
        var encoded = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            long e = i == 0 ? values[0]
                : secondOrder && i >= 2 ? values[i] - (2 * values[i - 1]) + values[i - 2]
                : values[i] - values[i - 1];
            if (modulus > 0 && i > 0)
            {
                // The short way round: 3599 -> 1 is +2, not -3598.
                e = ((e % modulus) + modulus + (modulus / 2) - 1) % modulus - (modulus / 2) + 1;
            }

            encoded[i] = e;
        }

        int length = encoded.Length;
        while (length > 0 && encoded[length - 1] == 0)
        {
            length--;
        }

        output.Add(encoded.Take(length));
    }

    private static long[] DecodeColumn(RepeatedField<long> column, int n, bool secondOrder, long modulus = 0)
    {
        var values = new long[n];
        for (int i = 0; i < n; i++)
        {
            long e = i < column.Count ? column[i] : 0;
            long v = i == 0 ? e
                : secondOrder && i >= 2 ? e + (2 * values[i - 1]) - values[i - 2]
                : e + values[i - 1];
            values[i] = modulus > 0 ? ((v % modulus) + modulus) % modulus : v;
        }

        return values;
    }
}
