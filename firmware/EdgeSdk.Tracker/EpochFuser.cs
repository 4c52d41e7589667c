using EdgeSdk.Nmea;

namespace EdgeSdk.Tracker;

/// <summary>
/// The firmware's fusion of one receiver's sentences into one <see cref="TrackerFix"/> per epoch: the smallest
/// fusion that fills what edgesdk.telemetry.v1 carries, in the portable subset. src/EdgeSdk.Gnss's
/// EpochFusion does far more (the sky from GSV, learned early close, late sentences, gpsd's mode rules, DOPs and
/// error estimates) with generic collections, nullable values and pattern matching that nanoFramework lacks;
/// rewriting it portably would cost the .NET side its clarity, and none of that extra work reaches the wire.
/// </summary>
/// <remarks>
/// <para>An epoch ends when RMC, GGA, GNS or GLL carries a different time of day, or at <see cref="Flush"/> (the
/// UART's idle gap; its stragglers are then dropped and counted in <see cref="LateSentences"/>). GSA, VTG and ZDA belong to the epoch in progress. The latest valid position of the epoch
/// wins. An epoch without RMC, GGA, GNS or GLL yields no fix.</para>
/// <para>Time: the epoch's RMC date, else the last known date (RMC or ZDA) moved to the next day when the
/// time of day wrapped past midnight. Mode: no fix without a position; with one, the epoch's GSA fix type
/// when it says 2D or 3D, else 3D with an altitude and 2D without. Quality: GGA's indicator, else RMC's mode letter.
/// Satellites used: the distinct satellites the epoch's GSA sentences list, per constellation; what GGA/GNS
/// count beyond them is unattributed.</para>
/// <para>Allocates nothing per sentence or epoch. Not thread-safe: one fuser per sentence stream.</para>
/// </remarks>
public sealed class EpochFuser
{
    private const long MillisecondsPerDay = 86400000L;
    private const int SvidWords = 4; // 256 satellite numbers per constellation slot, as bits

    private readonly long[] _used = new long[TrackerFix.SatelliteSlots * SvidWords];
    private readonly TrackerFix _fix = new TrackerFix();

    // The epoch in progress.
    private bool _open, _hasPositionSentence, _previousWasGsa;
    private int _timeMs = -1, _ggaQuality = -1, _gsaFixType = -1, _countedUsed = -1, _gsaUsed, _unnumberedUsed;
    private char _rmcMode;
    private NmeaDate _epochDate;
    private double _lat = double.NaN, _lon = double.NaN, _alt = double.NaN, _speed = double.NaN, _course = double.NaN;
    private double _hdop = double.NaN, _pdop = double.NaN, _vdop = double.NaN;

    // The time of the epoch the last Flush closed: its stragglers are dropped until a new time arrives.
    private int _flushedTimeMs = -1;

    // Kept across epochs.
    private NmeaDate _lastDate;
    private int _lastDateTimeMs = -1;

    /// <summary>The fix of the epoch that <see cref="Add"/> or <see cref="Flush"/> just closed; overwritten by the next one.</summary>
    public TrackerFix Fix
    {
        get { return _fix; }
    }

    /// <summary>True while an epoch has sentences that are not yet a fix.</summary>
    public bool HasOpenEpoch
    {
        get { return _open; }
    }

    /// <summary>Epochs closed into a fix.</summary>
    public long Epochs { get; private set; }

    /// <summary>
    /// Sentences dropped because they came after <see cref="Flush"/> closed their epoch (a pause inside an epoch
    /// longer than the idle gap): counted, so that one epoch never yields two fixes.
    /// </summary>
    public long LateSentences { get; private set; }

    /// <summary>
    /// Adds the sentence the parser just read. Returns true when that sentence closed the epoch before it:
    /// take <see cref="Fix"/> now, before the next call.
    /// </summary>
    /// <param name="parser">The parser, right after <see cref="NmeaParser.Read"/> returned <paramref name="type"/>.</param>
    /// <param name="type">The sentence type read.</param>
    public bool Add(NmeaParser parser, NmeaSentenceType type)
    {
        if (IsLate(parser, type))
        {
            LateSentences++;
            return false;
        }

        bool closed = false;
        switch (type)
        {
            case NmeaSentenceType.Rmc:
                RmcSentence rmc = parser.Rmc;
                closed = Begin(rmc.TimeUtc);
                _epochDate = rmc.Date.IsValid ? rmc.Date : _epochDate;
                if (rmc.IsValid)
                {
                    Position(rmc.LatitudeDegrees, rmc.LongitudeDegrees, double.NaN);
                    _speed = Pick(rmc.SpeedMetersPerSecond, _speed);
                    _course = Pick(rmc.CourseDegrees, _course);
                    _rmcMode = rmc.Mode;
                }

                break;
            case NmeaSentenceType.Gga:
                GgaSentence gga = parser.Gga;
                closed = Begin(gga.TimeUtc);
                _ggaQuality = gga.FixQuality >= 0 ? gga.FixQuality : _ggaQuality;
                FixData(gga, gga.FixQuality > 0);
                break;
            case NmeaSentenceType.Gns:
                GnsSentence gns = parser.Gns;
                closed = Begin(gns.TimeUtc);
                FixData(gns, GnsHasFix(gns));
                break;
            case NmeaSentenceType.Gll:
                GllSentence gll = parser.Gll;
                closed = Begin(gll.TimeUtc);
                if (gll.Status == 'A' && gll.Mode != 'N')
                {
                    Position(gll.LatitudeDegrees, gll.LongitudeDegrees, double.NaN);
                }

                break;
            case NmeaSentenceType.Vtg:
                VtgSentence vtg = parser.Vtg;
                _open = true;
                if (vtg.Mode != 'N')
                {
                    _speed = Pick(vtg.SpeedMetersPerSecond, _speed);
                    _course = Pick(vtg.CourseTrueDegrees, _course);
                }

                break;
            case NmeaSentenceType.Gsa:
                AddGsa(parser.Gsa);
                break;
            case NmeaSentenceType.Zda:
                ZdaSentence zda = parser.Zda;
                if (zda.Date.IsValid && zda.TimeUtc.IsValid)
                {
                    _lastDate = zda.Date;
                    _lastDateTimeMs = zda.TimeUtc.MillisecondOfDay;
                }

                break;
        }

        _previousWasGsa = type == NmeaSentenceType.Gsa;
        return closed;
    }

    /// <summary>Closes the epoch in progress (end of input, or the receiver's idle gap). True when it yields a <see cref="Fix"/>.</summary>
    public bool Flush()
    {
        if (!_open)
        {
            return false;
        }

        int time = _timeMs;
        bool yields = Close();
        _flushedTimeMs = time;
        return yields;
    }

    // After a flush, sentences of the same time, and those without a time, belong to the closed epoch; the
    // first sentence with another time ends that.
    private bool IsLate(NmeaParser parser, NmeaSentenceType type)
    {
        if (_flushedTimeMs < 0 || _open)
        {
            return false;
        }

        int ms;
        switch (type)
        {
            case NmeaSentenceType.Rmc: ms = parser.Rmc.TimeUtc.MillisecondOfDay; break;
            case NmeaSentenceType.Gga: ms = parser.Gga.TimeUtc.MillisecondOfDay; break;
            case NmeaSentenceType.Gns: ms = parser.Gns.TimeUtc.MillisecondOfDay; break;
            case NmeaSentenceType.Gll: ms = parser.Gll.TimeUtc.MillisecondOfDay; break;
            case NmeaSentenceType.Gsa:
            case NmeaSentenceType.Vtg: return true;
            default: return false;
        }

        if (ms >= 0 && ms != _flushedTimeMs)
        {
            _flushedTimeMs = -1;
            return false;
        }

        if (type == NmeaSentenceType.Rmc && parser.Rmc.Date.IsValid && ms >= 0)
        {
            // Late, but its date still dates the epochs after it (as EdgeSdk.Gnss's EpochFusion does).
            _lastDate = parser.Rmc.Date;
            _lastDateTimeMs = ms;
        }

        return true;
    }

    // A sentence with a time of day: a different time than the epoch's closes it and opens the next.
    private bool Begin(NmeaTime time)
    {
        _hasPositionSentence = true;
        int ms = time.MillisecondOfDay;
        bool closed = false;
        if (_open && _timeMs >= 0 && ms >= 0 && ms != _timeMs)
        {
            closed = Close();
            _hasPositionSentence = true;
        }

        _open = true;
        _timeMs = ms >= 0 ? ms : _timeMs;
        return closed;
    }

    private void FixData(FixDataSentence sentence, bool hasFix)
    {
        _hdop = Pick(sentence.Hdop, _hdop); // with or without a fix, as EpochFusion
        if (hasFix)
        {
            Position(sentence.LatitudeDegrees, sentence.LongitudeDegrees, sentence.AltitudeMslMeters);
            _countedUsed = sentence.SatellitesUsed >= 0 ? sentence.SatellitesUsed : _countedUsed;
        }
    }

    private static bool GnsHasFix(GnsSentence gns)
    {
        for (int i = 0; i < gns.ModeCount; i++)
        {
            char mode = gns.GetMode(i);
            if (mode != 'N' && mode != '\0')
            {
                return gns.NavigationalStatus != 'U' && gns.NavigationalStatus != 'V';
            }
        }

        return false;
    }

    private void Position(double lat, double lon, double alt)
    {
        if (WireUnits.IsFinite(lat) && WireUnits.IsFinite(lon))
        {
            _lat = lat;
            _lon = lon;
            _alt = Pick(alt, _alt);
        }
    }

    private static double Pick(double value, double previous)
    {
        return WireUnits.IsFinite(value) ? value : previous;
    }

    // One run of GSA sentences (one per constellation in NMEA 4.10+) lists the satellites used; a new run replaces it.
    private void AddGsa(GsaSentence gsa)
    {
        _open = true;
        if (!_previousWasGsa)
        {
            ClearUsed();
        }

        if (gsa.FixType > _gsaFixType)
        {
            _gsaFixType = gsa.FixType;
        }

        // The epoch's DOPs are the last reported, GSA and GGA/GNS alike, as EpochFusion keeps them.
        _pdop = Pick(gsa.Pdop, _pdop);
        _hdop = Pick(gsa.Hdop, _hdop);
        _vdop = Pick(gsa.Vdop, _vdop);

        for (int i = 0; i < gsa.SatelliteCount; i++)
        {
            SatelliteId id = gsa.GetSatellite(i);
            int slot = SlotOf(id.System);
            if (slot == TrackerFix.Unattributed || id.Number <= 0 || id.Number >= 64 * SvidWords)
            {
                _unnumberedUsed++; // counted, not de-duplicated: there is no number to compare
                continue;
            }

            int word = (slot * SvidWords) + (id.Number >> 6);
            long bit = 1L << (id.Number & 63);
            if ((_used[word] & bit) == 0)
            {
                _used[word] |= bit;
                _gsaUsed++;
            }
        }
    }

    private void ClearUsed()
    {
        for (int i = 0; i < _used.Length; i++)
        {
            _used[i] = 0;
        }

        _gsaUsed = 0;
        _unnumberedUsed = 0;
    }

    // The wire's order of constellations in FixState.satellites_used.
    private static int SlotOf(GnssSystem system)
    {
        switch (system)
        {
            case GnssSystem.Beidou: return 0;
            case GnssSystem.Gps: return 1;
            case GnssSystem.Galileo: return 2;
            case GnssSystem.Glonass: return 3;
            case GnssSystem.Qzss: return 4;
            case GnssSystem.Navic: return 5;
            case GnssSystem.Sbas: return 6;
            default: return TrackerFix.Unattributed;
        }
    }

    private bool Close()
    {
        bool yields = _hasPositionSentence;
        if (yields)
        {
            FillFix();
            Epochs++;
        }

        _open = _hasPositionSentence = false;
        _timeMs = _ggaQuality = _gsaFixType = _countedUsed = -1;
        _rmcMode = '\0';
        _epochDate = new NmeaDate();
        _lat = _lon = _alt = _speed = _course = double.NaN;
        _hdop = _pdop = _vdop = double.NaN;
        ClearUsed();
        return yields;
    }

    private void FillFix()
    {
        TrackerFix fix = _fix;
        fix.Clear();
        NmeaDate date = _epochDate;
        if (!date.IsValid && _lastDate.IsValid && _timeMs >= 0)
        {
            // The date came from an earlier epoch: a time of day below that epoch's means midnight passed.
            date = _timeMs < _lastDateTimeMs ? _lastDate.NextDay() : _lastDate;
        }

        if (date.IsValid && _timeMs >= 0)
        {
            fix.HasTime = true;
            fix.TimeUnixMilliseconds = (DaysSinceUnixEpoch(date) * MillisecondsPerDay) + _timeMs;
            _lastDate = date;
            _lastDateTimeMs = _timeMs;
        }

        bool position = WireUnits.IsFinite(_lat);
        if (position)
        {
            fix.LatitudeDegrees = _lat;
            fix.LongitudeDegrees = _lon;
            fix.AltitudeMslMeters = _alt;
            fix.SpeedMetersPerSecond = _speed;
            fix.CourseDegrees = _course;
        }

        fix.Hdop = _hdop;
        fix.Pdop = _pdop;
        fix.Vdop = _vdop;

        // A GSA that says 2D or 3D decides; a position without one is 3D with an altitude; no position is no fix.
        fix.Mode = !position ? 1
            : _gsaFixType == 2 || _gsaFixType == 3 ? _gsaFixType
            : WireUnits.IsFinite(_alt) ? 3 : 2;
        fix.Quality = position ? Quality() : 0;
        int attributed = 0;
        for (int slot = 0; slot < TrackerFix.Unattributed; slot++)
        {
            int used = 0;
            for (int w = 0; w < SvidWords; w++)
            {
                used += BitCount(_used[(slot * SvidWords) + w]);
            }

            fix.SetSatellitesUsed(slot, used);
            attributed += used;
        }

        int total = _gsaUsed + _unnumberedUsed;
        total = _countedUsed > total ? _countedUsed : total;
        fix.SetSatellitesUsed(TrackerFix.Unattributed, total - attributed);
    }

    // GGA's indicator when it gave one, else RMC's mode letter (NMEA 2.3+), as EdgeSdk.Gnss's EpochFusion does.
    private int Quality()
    {
        if (_ggaQuality > 0 && _ggaQuality <= 8)
        {
            return _ggaQuality;
        }

        switch (_rmcMode)
        {
            case 'D': return 2;
            case 'P': return 3;
            case 'R': return 4;
            case 'F': return 5;
            case 'E': return 6;
            case 'M': return 7;
            case 'S': return 8;
            default: return 1;
        }
    }

    private static int BitCount(long value)
    {
        int count = 0;
        while (value != 0)
        {
            value &= value - 1;
            count++;
        }

        return count;
    }

    // Days from 1970-01-01 to a Gregorian date (the civil-from-days inverse; no DateTime needed).
    private static long DaysSinceUnixEpoch(NmeaDate date)
    {
        int y = date.Year - (date.Month <= 2 ? 1 : 0);
        int era = y / 400; // years 1980-2079: never negative
        int yearOfEra = y - (era * 400);
        int m = date.Month;
        int dayOfYear = ((153 * (m > 2 ? m - 3 : m + 9)) + 2) / 5 + date.Day - 1;
        int dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return ((long)era * 146097) + dayOfEra - 719468;
    }
}
