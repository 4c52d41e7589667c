using System.Diagnostics.CodeAnalysis;
using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// Fuses the decoded sentences of a receiver (from <see cref="NmeaParser"/>) into one
/// <see cref="GnssFix"/> per epoch.
/// </summary>
/// <remarks>
/// <para>An epoch ends when a sentence carries a different time of day than the epoch so far
/// (RMC, GGA, GNS, GLL, ZDA, GST carry one), when <see cref="Flush"/> is called (end of input, or
/// the receiver's idle gap on a live source), or when a position sentence without time repeats.
/// Sentences without time (GSA, GSV, VTG) belong to the epoch in progress. So epochs come out right
/// whatever order a receiver uses: u-blox (RMC first), CASIC/L76K (GGA first, RMC and ZDA last),
/// SkyTraq (GSV only every few epochs).</para>
/// <para>Within an epoch the latest valid position wins (as in gpsd); GSV sets are kept per
/// talker and signal ID (a set that starts again replaces itself), and a signal is
/// <see cref="SatelliteInfo.Used"/> when any GSA of the epoch lists its satellite (one GSA per
/// system) and it has a C/N0.
/// An epoch that holds no position sentence and no sky (e.g. a lone ZDA) yields no fix; its
/// date is still remembered.</para>
/// <para>Early close: the fusion learns the receiver's last sentence of an epoch (talker and type;
/// for GSV whether it is the last part and its signal ID; for GSA its system ID). Once the same
/// sentence has ended <see cref="EarlyCloseAfter"/> epochs in a row, its arrival ends the epoch, so
/// the fix is out without waiting for the next epoch or an idle gap. A sentence of that epoch that
/// still comes afterwards (same time, or no time before a new one; e.g. a GSV set sent only every
/// few epochs, after the learned terminator) is counted in <see cref="LateSentences"/> and fused
/// into the closed epoch, and that terminator is not trusted again. When the late sentences hold
/// a GSV set, the epoch yields a revised fix for the same time (the whole epoch with its sky, as
/// gpsd reports a late sky on its own; <see cref="GnssFix.IsRevision"/> tells it from a new fix); other late sentences (a GSA, a ZDA) only update the state
/// the next epochs build on (the used satellites, the date), as in gpsd.</para>
/// <para>Not thread-safe: one fusion per sentence stream.</para>
/// </remarks>
public sealed class EpochFusion
{

    private readonly Queue<GnssFix> _ready = new();
    private UsedSatellites _used = new();
    private UsedSatellites _skyUsed = new(); // the used set the epoch's sky was sent under (see AddGsa)
    private bool _skyUsesCurrent = true;
    private readonly SkyBuilder _sky = new();

    // The epoch in progress.
    private bool _open;
    private int _timeMs = -1;
    private NmeaDate _date;
    private bool _hasReport;
    private int _positionTypesSeen;
    private double _lat = double.NaN, _lon = double.NaN, _altMsl = double.NaN, _geoid = double.NaN;
    private double _speed = double.NaN, _course = double.NaN;
    private double _pdop = double.NaN, _hdop = double.NaN, _vdop = double.NaN;
    private double _latErr = double.NaN, _lonErr = double.NaN, _altErr = double.NaN;
    private int _ggaQuality = -1, _gsaFixType = -1, _satellitesUsed = -1;
    private char _modeIndicator;
    private bool _reportedFix;
    private bool _gsaThisEpoch;
    private int _mode; // gpsd's mode as the epoch's sentences set it in turn (see SetMode); 0 = none set

    // Kept across epochs for the mode rules (gpsd keeps the same state).
    private int _lastFixMode;
    private bool _lastFixHadAltitude, _olderFixHadAltitude;
    private int _gsaSatellitesUsed; // satellites listed by the latest run of GSA sentences
    private bool _previousWasGsa;
    private NmeaTalker _lastGsaTalker;
    private NmeaTalker _lastGgaTalker;
    private int _lastGgaTimeMs = int.MinValue;
    private bool _ggaTimeStuck;

    // Kept across epochs.
    private NmeaDate _lastDate;
    private int _lastDateTimeMs = -1;
    private DateTime? _previousTime;
    private long _dateTicks; // midnight of the date below (see EpochTime)
    private int _ticksYear, _ticksMonth, _ticksDay;
    private double _previousAlt = double.NaN;

    // Learning the epoch terminator (see remarks).
    private readonly long[] _rejected = new long[4];
    private int _rejectedCount;
    private long _terminator, _last, _lastKind;
    private int _repeat, _confirmations;
    private bool _earlyClosed, _lateSky;
    private int _idleClosedTimeMs = -1; // the time of the epoch the idle gap closed, until a new time arrives
    private double? _closedClimb; // the early fix's climb, kept by its revision

    // gpsd's cycle enders (see Cycle): kept across epochs, as gpsd keeps them.
    private int _enders; // CycleTag bits
    private int _lastTag; // the last timed sentence's CycleTag
    private int _lastTagTimeMs = -1; // and its time
    private double _reportLat = double.NaN, _reportLon = double.NaN; // the position at the epoch's last cycle ender

    /// <summary>
    /// True while a live source should call <see cref="FlushAfterIdleGap"/> after its idle gap: an epoch
    /// is open, one closed early and its late sentences would still count as late, or the last idle gap
    /// closed one and its stragglers are still dropped (until the next gap).
    /// </summary>
    public bool AwaitsIdleGap => _open || _earlyClosed || _idleClosedTimeMs >= 0;

    /// <summary>
    /// How many epochs in a row must end with the same sentence before its arrival ends the epoch
    /// at once (default 3); 0 turns early close off.
    /// </summary>
    public int EarlyCloseAfter { get; set; } = 3;

    /// <summary>Epochs whose fix was completed by the learned terminator sentence.</summary>
    public long EarlyClosedEpochs { get; private set; }

    /// <summary>
    /// Sentences that arrived after their epoch was closed early (the learning was wrong for this
    /// receiver): fused into that epoch, which yields a revised fix; the terminator is no longer trusted.
    /// </summary>
    public long LateSentences { get; private set; }

    /// <summary>
    /// Adds one decoded sentence: pass <see cref="NmeaParser.Current"/> after each
    /// <see cref="NmeaParser.Read"/>. Completed fixes are then taken with <see cref="TryTakeFix"/>.
    /// </summary>
    public SentenceUse Add(NmeaTypedSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        SentenceUse use = Fuse(sentence);
        _previousWasGsa = sentence is GsaSentence; // a type check, not a virtual call per sentence
        if (use == SentenceUse.Navigation && !_earlyClosed)
        {
            Track(sentence);
        }

        return use;
    }

    private SentenceUse Fuse(NmeaTypedSentence sentence)
    {
        switch (sentence)
        {
            // Most frequent first: an epoch has several GSV and GSA sentences.
            case GsvSentence gsv:
                if (!Continue())
                {
                    return SentenceUse.Navigation;
                }

                _sky.Add(gsv);
                _skyUsesCurrent = true;
                _lateSky |= _earlyClosed;
                return SentenceUse.Navigation;
            case GsaSentence gsa:
                if (!Continue())
                {
                    return SentenceUse.Navigation;
                }

                AddGsa(gsa);
                return SentenceUse.Navigation;
            case RmcSentence rmc:
                if (!StartOrContinue(rmc.TimeUtc, PositionType.Rmc))
                {
                    return SentenceUse.Navigation;
                }

                if (rmc.Date.IsValid)
                {
                    _date = rmc.Date;
                }

                Report(rmc.IsValid);
                SetMode(RmcMode(rmc));
                if (rmc.IsValid)
                {
                    Position(rmc.LatitudeDegrees, rmc.LongitudeDegrees);
                    Set(ref _speed, rmc.SpeedMetersPerSecond);
                    Set(ref _course, rmc.CourseDegrees);
                    _modeIndicator = rmc.Mode != '\0' ? rmc.Mode : _modeIndicator;
                }

                Cycle(CycleTag.Rmc, rmc.TimeUtc);
                return SentenceUse.Navigation;
            case GgaSentence gga:
                if (!StartOrContinue(gga.TimeUtc, PositionType.Gga))
                {
                    return SentenceUse.Navigation;
                }

                _ggaQuality = gga.FixQuality >= 0 ? gga.FixQuality : _ggaQuality;
                SetMode(GgaMode(gga));
                FixData(gga.FixQuality > 0, gga.Hdop, gga.SatellitesUsed, gga.LatitudeDegrees, gga.LongitudeDegrees, gga.AltitudeMslMeters, gga.GeoidSeparationMeters);
                Cycle(CycleTag.Gga, gga.TimeUtc);
                return SentenceUse.Navigation;
            case GnsSentence gns:
                if (!StartOrContinue(gns.TimeUtc, PositionType.Gns))
                {
                    return SentenceUse.Navigation;
                }

                SetMode(GnsMode(gns));
                FixData(GnsHasFix(gns) && gns.NavigationalStatus is not ('U' or 'V'), gns.Hdop, gns.SatellitesUsed, gns.LatitudeDegrees, gns.LongitudeDegrees, gns.AltitudeMslMeters, gns.GeoidSeparationMeters);
                Cycle(CycleTag.Gns, gns.TimeUtc);
                return SentenceUse.Navigation;
            case GllSentence gll:
                if (!StartOrContinue(gll.TimeUtc, PositionType.Gll))
                {
                    return SentenceUse.Navigation;
                }

                bool gllFix = gll.Status == 'A' && gll.Mode != 'N';
                Report(gllFix);
                SetMode(GllMode(gll, gllFix));
                if (gllFix)
                {
                    Position(gll.LatitudeDegrees, gll.LongitudeDegrees);
                }

                Cycle(CycleTag.Gll, gll.TimeUtc);
                return SentenceUse.Navigation;
            case ZdaSentence zda:
                if (!StartOrContinue(zda.TimeUtc, PositionType.None))
                {
                    return SentenceUse.Navigation;
                }

                if (zda.Date.IsValid)
                {
                    _date = zda.Date;
                }

                Cycle(CycleTag.Zda, zda.TimeUtc);
                return SentenceUse.Navigation;
            case GstSentence gst:
                if (!StartOrContinue(gst.TimeUtc, PositionType.None))
                {
                    return SentenceUse.Navigation;
                }

                Set(ref _latErr, gst.LatitudeErrorMeters);
                Set(ref _lonErr, gst.LongitudeErrorMeters);
                Set(ref _altErr, gst.AltitudeErrorMeters);
                return SentenceUse.Navigation;
            case VtgSentence vtg:
                if (!Continue())
                {
                    return SentenceUse.Navigation;
                }

                if (vtg.Mode != 'N')
                {
                    Set(ref _speed, vtg.SpeedMetersPerSecond);
                    Set(ref _course, vtg.CourseTrueDegrees);
                }

                return SentenceUse.Navigation;
            default:
                return SentenceUse.Ignored;
        }
    }

    /// <summary>Takes the next completed fix, oldest first.</summary>
    public bool TryTakeFix([NotNullWhen(true)] out GnssFix? fix)
    {
        if (_ready.Count == 0)
        {
            fix = null; // the usual answer after a sentence, and cheap enough to be inlined
            return false;
        }

        fix = _ready.Dequeue();
        return true;
    }

    /// <summary>
    /// Ends the epoch in progress (end of input, or a live receiver went quiet after its burst)
    /// and returns its fix, or null when it held nothing to report.
    /// </summary>
    public GnssFix? Flush()
    {
        Close();
        _idleClosedTimeMs = -1;
        return _ready.Count > 0 ? _ready.Dequeue() : null;
    }

    /// <summary>
    /// Ends the epoch in progress because a live receiver went quiet for the idle gap, and returns its fix.
    /// Unlike <see cref="Flush"/>, sentences that still carry the closed epoch's time afterwards are stragglers
    /// (the reader was starved, not the receiver done): they are counted in <see cref="LateSentences"/> and
    /// dropped, so one epoch never becomes two fixes.
    /// </summary>
    public GnssFix? FlushAfterIdleGap()
    {
        int closedTimeMs = _open ? _timeMs : -1;
        GnssFix? fix = Flush();
        _idleClosedTimeMs = closedTimeMs;
        return fix;
    }

    private static bool GnsHasFix(GnsSentence gns)
    {
        for (int i = 0; i < gns.ModeCount; i++)
        {
            if (gns.GetMode(i) is not ('N' or '\0'))
            {
                return true;
            }
        }

        return false;
    }

    private static void Set(ref double field, double value)
    {
        if (!double.IsNaN(value))
        {
            field = value;
        }
    }

    // The mode rules are gpsd's (driver_nmea0183.c): each position sentence and GSA sets the mode in
    // turn, from what it carries and what the previous fix was; the epoch's last setting is its mode.
    // A mode is never lowered from 3D to 2D while the fixes before had an altitude (RMC and GLL say
    // nothing about altitude; old receivers send GSA "2" beside a GGA with altitude).
    private void SetMode(int mode)
    {
        if (mode < 0)
        {
            return; // the sentence leaves the mode as it was
        }

        if (CurrentMode == 3 && mode != 1 && (AltitudeKnown || _olderFixHadAltitude))
        {
            mode = 3;
        }

        _mode = mode;
    }

    private int RmcMode(RmcSentence rmc)
    {
        if (!rmc.IsValid || double.IsNaN(rmc.LatitudeDegrees) || double.IsNaN(rmc.LongitudeDegrees))
        {
            return 1;
        }

        // RMC has no altitude: 3D when the GSAs list four or more satellites, or an altitude is known.
        return _gsaSatellitesUsed > 3 || AltitudeKnown || _lastFixMode == 3 ? 3 : 2;
    }

    // The mode so far: this epoch's latest setting, else the last fix's (gpsd merges into one fix).
    private int CurrentMode => _mode != 0 ? _mode : _lastFixMode;

    // An altitude from this epoch so far, or from the last fix.
    private bool AltitudeKnown => !double.IsNaN(_altMsl) || _lastFixHadAltitude;

    private int GgaMode(GgaSentence gga)
    {
        // A receiver that lost lock may repeat its last GGA time (Trimble Placer): no fix then. A
        // talker change (SiRFstarV: GPGGA and GLGGA) is not a repeat.
        int ms = gga.TimeUtc.MillisecondOfDay;
        _ggaTimeStuck = ms >= 0 && gga.Talker == _lastGgaTalker && ms == _lastGgaTimeMs; // an empty time is not stuck
        _lastGgaTalker = gga.Talker;
        _lastGgaTimeMs = ms;
        if (_ggaTimeStuck || double.IsNaN(gga.LatitudeDegrees) || double.IsNaN(gga.LongitudeDegrees))
        {
            return 1;
        }

        // Fewer than 3 satellites (or none given) is no fix; an altitude with 4 or more is 3D.
        int satellites = gga.SatellitesUsed;
        if (satellites < 3)
        {
            return 1;
        }

        return !double.IsNaN(gga.AltitudeMslMeters) && satellites >= 4 ? 3 : 2;
    }

    private static int GnsMode(GnsSentence gns)
    {
        char first = gns.ModeCount > 0 ? gns.GetMode(0) : '\0';
        if (gns.NavigationalStatus is 'U' or 'V')
        {
            return -1; // NMEA 4.1 "unsafe" / "not valid for navigation": gpsd takes nothing from it
        }

        if (first is '\0' or 'N' || double.IsNaN(gns.LatitudeDegrees) || double.IsNaN(gns.LongitudeDegrees))
        {
            return 1;
        }

        return !double.IsNaN(gns.AltitudeMslMeters) && gns.SatellitesUsed > 3 ? 3 : 2;
    }

    private int GllMode(GllSentence gll, bool fix)
    {
        if (!fix || double.IsNaN(gll.LatitudeDegrees) || double.IsNaN(gll.LongitudeDegrees))
        {
            return 1;
        }

        if (AltitudeKnown || _gsaSatellitesUsed > 3)
        {
            return 3;
        }

        return CurrentMode < 2 || !(_lastFixHadAltitude || _olderFixHadAltitude) ? 2 : -1;
    }

    private void Report(bool fix)
    {
        _hasReport = true;
        _reportedFix |= fix;
    }

    // GGA and GNS carry the same fix data.
    private void FixData(bool fix, double hdop, int satellitesUsed, double lat, double lon, double altMsl, double geoid)
    {
        Report(fix);
        Set(ref _hdop, hdop);
        _satellitesUsed = satellitesUsed >= 0 ? satellitesUsed : _satellitesUsed;
        if (fix)
        {
            Position(lat, lon);
            Set(ref _altMsl, altMsl);
            Set(ref _geoid, geoid);
        }
    }

    private void Position(double lat, double lon)
    {
        if (!double.IsNaN(lat) && !double.IsNaN(lon))
        {
            _lat = lat;
            _lon = lon;
        }
    }

    // gpsd's end-of-cycle detector (driver_nmea0183.c), for one thing only: which position an epoch
    // reports. gpsd reports a fix when a "cycle ender" arrives: the timed sentence that came last
    // before a time change (marked at that change, never unmarked), unless the sentence bringing
    // the new time is a GLL, which gpsd lets continue the cycle (it marks nothing then). A position
    // a receiver sends after the ender with the same time is never reported: the next time change
    // clears it. Our epoch is gpsd's cycle (both start at a new time), so the epoch's position is the
    // one it had at its last ender, when it had one (a B&G Zeus multiplexer stamps GLL a second
    // ahead and then sends the RMC/GGA of that second after it). For a receiver whose ender is its
    // last timed sentence, as for nearly all, that is the latest position, the same as before.
    private void Cycle(int tag, NmeaTime time)
    {
        int ms = time.MillisecondOfDay;
        if (ms < 0)
        {
            if (tag == CycleTag.Gll)
            {
                // An untimed GLL "extends the cycle": gpsd moves the ender to it.
                _enders = (_enders & ~_lastTag) | CycleTag.Gll;
                Report();
            }

            return;
        }

        if (_lastTagTimeMs >= 0 && !SameInstant(ms, _lastTagTimeMs) && tag != CycleTag.Gll)
        {
            _enders |= _lastTag;
        }

        _lastTag = tag;
        _lastTagTimeMs = ms;
        if ((_enders & tag) != 0)
        {
            Report();
        }
    }

    private void Report()
    {
        if (!double.IsNaN(_lat))
        {
            _reportLat = _lat;
            _reportLon = _lon;
        }
    }

    // False when the sentence belongs to the epoch that just closed early (see Late).
    private bool StartOrContinue(NmeaTime time, PositionType type)
    {
        // The boundary rule (README, "Epoch boundaries"): a different time (more than 10 ms apart) starts
        // a new epoch; so does a position sentence whose type the epoch already holds, unless both
        // carry the same time (SiRFstarV sends GPGGA and GLGGA for one instant). The second rule is
        // the one for receivers without time, and for the first timed sentence after untimed ones.
        int ms = time.MillisecondOfDay;
        if (_idleClosedTimeMs >= 0 && ms >= 0)
        {
            if (!_open && SameInstant(ms, _idleClosedTimeMs))
            {
                LateSentences++; // a straggler of the epoch the idle gap closed (FlushAfterIdleGap)
                return false;
            }

            _idleClosedTimeMs = -1;
        }

        bool bothTimed = ms >= 0 && _timeMs >= 0;
        bool newEpoch = (bothTimed && !SameInstant(ms, _timeMs))
            || (!bothTimed && type != PositionType.None && (_positionTypesSeen & (int)type) != 0);
        if (_earlyClosed)
        {
            if (!newEpoch)
            {
                Late();
                _positionTypesSeen |= (int)type;
                return true;
            }

            Close(); // the revised fix, when late sentences came
        }
        else if (_open && newEpoch)
        {
            Close();
        }

        _open = true;
        _positionTypesSeen |= (int)type;
        if (ms >= 0)
        {
            _timeMs = ms;
        }

        return true;
    }

    // Times less than 10 ms apart are one instant (gpsd's cycle rule, fabs(a - b) < 0.01): a
    // receiver may print the same epoch with 2 decimals in one sentence and 3 in the next
    // (105153.40, 105153.408). Exactly 10 ms apart are two epochs (the SL869 stamps 102143.990 and
    // then 102144.000, and gpsd reports both).
    private static bool SameInstant(int a, int b)
    {
        int d = Math.Abs(a - b);
        return d < 10 || d > 86_400_000 - 10;
    }

    // A sentence without time belongs to the epoch in progress, so after an early close to the
    // closed one (until a new time, or Flush after the idle gap).
    private bool Continue()
    {
        if (_idleClosedTimeMs >= 0 && !_open)
        {
            LateSentences++; // after the idle gap closed an epoch and before a new time: its straggler
            return false;
        }

        if (_earlyClosed)
        {
            Late();
            return true;
        }

        _open = true;
        return true;
    }

    // The learned terminator was not this receiver's last sentence: the epoch's fix is already
    // out, so its late sentences are counted and fused into the closed epoch (a revised fix comes
    // when the epoch really ends, if they brought a sky), and that terminator is never trusted again.
    private void Late()
    {
        LateSentences++;
        if (_confirmations > 0)
        {
            _confirmations = 0;
            if (_rejectedCount < _rejected.Length)
            {
                _rejected[_rejectedCount++] = _terminator;
            }
        }
    }

    // Remembers which sentence the epoch so far ends with, and closes the epoch at once when it is
    // the learned terminator. Only for epochs with a time: a late sentence is told by its time.
    private void Track(NmeaTypedSentence sentence)
    {
        long kind = (long)sentence.Type | ((long)sentence.Talker << 8);
        if (sentence is GsvSentence gsv)
        {
            kind |= (gsv.MessageNumber == gsv.TotalMessages ? 1L << 16 : 0) | ((long)(gsv.SignalId + 1) & 0xFF) << 17;
        }
        else if (sentence is GsaSentence gsa)
        {
            kind |= ((long)(gsa.SystemId + 1) & 0xFF) << 25;
        }

        // The same kind again in a row (one GNGSA per system without system ID) is another identity.
        _repeat = kind == _lastKind ? Math.Min(_repeat + 1, 255) : 0;
        _lastKind = kind;
        _last = kind | ((long)_repeat << 40);
        // Only epochs with a time close early: a late sentence is told by its time, and an untimed
        // epoch's successor could not be told from its stragglers (they would be fused into it as late).
        if (_last == _terminator && _confirmations >= EarlyCloseAfter && EarlyCloseAfter > 0 && _open && _timeMs >= 0)
        {
            // The epoch's state is kept until the next epoch starts: late sentences still fuse into it.
            Enqueue();
            _open = false;
            _earlyClosed = true;
            EarlyClosedEpochs++;
        }
    }

    // An epoch closed by a new time, a repeated position or Flush: its last sentence is the
    // candidate terminator, trusted after EarlyCloseAfter epochs in a row end with it.
    private void Learn()
    {
        // Four wrong terminators: this receiver's order is not stable, so stay with the idle gap.
        // Only timed epochs teach, as only they close early: an untimed epoch is cut where a
        // position sentence repeats, so its last sentence says nothing about a timed epoch's
        // (Garmin Foretrex: untimed no-fix epochs taught GSV, then the first fix's GLL came late).
        if (_last == 0 || _timeMs < 0 || _rejectedCount == _rejected.Length || Array.IndexOf(_rejected, _last, 0, _rejectedCount) >= 0)
        {
            _confirmations = 0;
            return;
        }

        if (_last == _terminator)
        {
            _confirmations = Math.Min(_confirmations + 1, int.MaxValue - 1);
        }
        else
        {
            _terminator = _last;
            _confirmations = 1;
        }
    }

    private void AddGsa(GsaSentence gsa)
    {
        // A new run of GSA sentences (or the same single-system talker again) starts a new used count;
        // GN after GN, or GP then GL/BD, add to it (one GSA per system).
        // The used set lives until the next run of GSAs, not just the epoch: receivers that send GSA
        // only every few epochs still mark their satellites used in between (gpsd does the same).
        if (!_previousWasGsa || (gsa.Talker == _lastGsaTalker && gsa.Talker != NmeaTalker.GN))
        {
            _gsaSatellitesUsed = 0;
            if (_sky.Count > 0 && _skyUsesCurrent)
            {
                // A new run of GSAs after the epoch's GSV sets: gpsd marked the sky's used
                // satellites when the GSV set ended (the SKY report), from the GSAs before it, so this
                // run counts from the next sky on (iTrek: an empty GSA after the RMC).
                (_skyUsed, _used) = (_used, _skyUsed);
                _skyUsesCurrent = false;
            }

            _used.Clear();
        }

        _gsaThisEpoch = true;

        _lastGsaTalker = gsa.Talker;
        _gsaSatellitesUsed += gsa.SatelliteCount;
        if (gsa.FixType is >= 1 and <= 3 && !_ggaTimeStuck)
        {
            SetMode(gsa.FixType);
        }

        _gsaFixType = gsa.FixType > 0 ? gsa.FixType : _gsaFixType;
        Set(ref _pdop, gsa.Pdop);
        Set(ref _hdop, gsa.Hdop);
        Set(ref _vdop, gsa.Vdop);
        int count = gsa.SatelliteCount;
        for (int i = 0; i < count; i++)
        {
            SatelliteId id = gsa.GetSatellite(i);
            if (id.IsKnown)
            {
                _used.Add(id);
            }
        }
    }

    private void Close()
    {
        if (_open)
        {
            Learn();
            Enqueue();
        }
        else if (_lateSky)
        {
            _ready.Enqueue(BuildFix(revision: true));
        }

        Reset();
    }

    private void Enqueue()
    {
        if (HasContent)
        {
            _ready.Enqueue(BuildFix(revision: false));
        }
        else if (_date.IsValid)
        {
            RememberDate();
        }
    }

    // A revision (the epoch again, with its late sentences) keeps the early fix's climb and leaves
    // the history of fixes (previous time, altitude) as the early fix set it.
    private bool HasContent => _hasReport || _sky.Count > 0 || _gsaThisEpoch || !double.IsNaN(_pdop);

    private GnssFix BuildFix(bool revision)
    {
        DateTime? time = EpochTime();
        if (!double.IsNaN(_reportLat))
        {
            _lat = _reportLat; // the position at the epoch's last cycle ender (see Cycle)
            _lon = _reportLon;
        }

        bool hasPosition = !double.IsNaN(_lat) && _reportedFix && _mode != 1;
        FixMode mode = Mode(hasPosition);
        bool threeD = mode == FixMode.ThreeD && hasPosition;
        double? alt = threeD ? Nullable(_altMsl) : null;
        double? climb = null;
        if (revision)
        {
            climb = alt.HasValue ? _closedClimb : null;
            _lastFixMode = _hasReport ? (int)mode : _lastFixMode;
        }
        else if (alt is double a && _previousTime is DateTime pt && time is DateTime t && !double.IsNaN(_previousAlt))
        {
            double dt = (t - pt).TotalSeconds;
            climb = dt > 0 && dt <= 10 ? (a - _previousAlt) / dt : null;
        }

        if (!revision)
        {
            _closedClimb = climb;
            _previousTime = time;
            _previousAlt = alt ?? double.NaN;
        }

        if (_hasReport && !revision)
        {
            _olderFixHadAltitude = _lastFixHadAltitude;
            // An altitude stays known (even in 2D, and through epochs without one, such as RMC-only
            // epochs between GGAs) until a fix is lost, as gpsd keeps it in its fix.
            _lastFixHadAltitude = !double.IsNaN(_altMsl) || (_lastFixHadAltitude && mode >= FixMode.TwoD);
            _lastFixMode = (int)mode;
        }

        SkySnapshot? sky = _sky.Count > 0 ? _sky.Build(_skyUsesCurrent ? _used : _skyUsed) : null;
        int usedInSky = sky?.UsedCount ?? 0;

        return new GnssFix
        {
            TimeUtc = time,
            Mode = mode,
            Quality = hasPosition ? Quality() : FixQuality.Invalid,
            LatitudeDegrees = hasPosition ? _lat : null,
            LongitudeDegrees = hasPosition ? _lon : null,
            AltitudeMslMeters = alt,
            GeoidSeparationMeters = threeD ? Nullable(_geoid) : null,
            AltitudeHaeMeters = alt is double msl && !double.IsNaN(_geoid) ? msl + _geoid : null,
            SpeedMetersPerSecond = hasPosition ? Nullable(_speed) : null,
            CourseDegrees = hasPosition ? Nullable(_course) : null,
            ClimbMetersPerSecond = climb,
            Pdop = Nullable(_pdop),
            Hdop = Nullable(_hdop),
            Vdop = Nullable(_vdop),
            LatitudeErrorMeters = hasPosition ? Nullable(_latErr) : null,
            LongitudeErrorMeters = hasPosition ? Nullable(_lonErr) : null,
            AltitudeErrorMeters = threeD ? Nullable(_altErr) : null,
            Sky = sky,
            SatellitesUsed = Math.Max(Math.Max(_satellitesUsed, _gsaThisEpoch ? _used.Count : 0), usedInSky),
            IsRevision = revision,
        };
    }

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;

    private FixMode Mode(bool hasPosition)
    {
        if (!hasPosition)
        {
            return _hasReport || _gsaFixType == 1 ? FixMode.NoFix : FixMode.Unknown;
        }

        if (_mode is 2 or 3)
        {
            return (FixMode)_mode;
        }

        return double.IsNaN(_altMsl) ? FixMode.TwoD : FixMode.ThreeD;
    }

    private FixQuality Quality()
    {
        if (_ggaQuality is > 0 and <= 8)
        {
            return (FixQuality)_ggaQuality;
        }

        return _modeIndicator switch
        {
            'D' => FixQuality.Differential,
            'P' => FixQuality.Precise,
            'R' => FixQuality.RtkFixed,
            'F' => FixQuality.RtkFloat,
            'E' => FixQuality.DeadReckoning,
            'M' => FixQuality.Manual,
            'S' => FixQuality.Simulated,
            _ => FixQuality.Autonomous,
        };
    }

    // The epoch's date is its own RMC/ZDA date, else the last one seen, moved on a day when the
    // time of day wrapped past midnight since.
    private DateTime? EpochTime()
    {
        if (_timeMs < 0)
        {
            return null;
        }

        if (_date.IsValid)
        {
            RememberDate();
        }
        else if (_lastDate.IsValid && _timeMs < _lastDateTimeMs - 3_600_000)
        {
            // Calendar arithmetic on NmeaDate, which stays inside its year window: DateTime.AddDays
            // threw on a receiver's year 9999 and ended the receiver loop.
            _lastDate = _lastDate.NextDay();
            _lastDateTimeMs = _timeMs;
        }

        if (!_lastDate.IsValid)
        {
            return null;
        }

        if (_lastDate.Year != _ticksYear || _lastDate.Month != _ticksMonth || _lastDate.Day != _ticksDay)
        {
            // The date changes once a day: its ticks are worked out then, not for every fix.
            _dateTicks = new DateTime(_lastDate.Year, _lastDate.Month, _lastDate.Day).Ticks;
            (_ticksYear, _ticksMonth, _ticksDay) = (_lastDate.Year, _lastDate.Month, _lastDate.Day);
        }

        return new DateTime(_dateTicks + (_timeMs * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private void RememberDate()
    {
        _lastDate = _date;
        _lastDateTimeMs = _timeMs >= 0 ? _timeMs : 0;
    }

    private void Reset()
    {
        _open = _earlyClosed = _lateSky = false;
        _last = _lastKind = 0;
        _repeat = 0;
        _timeMs = -1;
        _date = default;
        _hasReport = _reportedFix = false;
        _positionTypesSeen = 0;
        _lat = _lon = _altMsl = _geoid = _speed = _course = double.NaN;
        _reportLat = _reportLon = double.NaN;
        _pdop = _hdop = _vdop = _latErr = _lonErr = _altErr = double.NaN;
        _ggaQuality = _gsaFixType = _satellitesUsed = -1;
        _modeIndicator = '\0';
        _mode = 0;
        _gsaThisEpoch = false;
        _skyUsesCurrent = true;
        _sky.Clear();
    }

    // gpsd's tags of the sentences that register a time, as bits (gpsd's GST does not: its time is
    // the GGA's it refers to).
    private static class CycleTag
    {
        public const int Rmc = 1, Gga = 2, Gns = 4, Gll = 8, Zda = 16;
    }

    [Flags]
    private enum PositionType
    {
        None = 0,
        Rmc = 1,
        Gga = 2,
        Gns = 4,
        Gll = 8,
    }
}
