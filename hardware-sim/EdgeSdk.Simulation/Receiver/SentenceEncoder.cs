using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Receiver;

/// <summary>
/// Turns an <see cref="EpochReport"/> into the NMEA sentences of one receiver profile, through
/// EdgeSdk.Nmea's typed encoders. What differs between the models is data: the precision of each
/// kind of field is set once on the writer (<see cref="NmeaWriter.TimeDecimals"/>, DOP, speed, ...:
/// CASIC's 1-decimal DOP and 2-decimal speed), the DOP printed without a fix ("25.5"/"99.99"),
/// talkers, sentence order and the optional fields are the profile's.
/// </summary>
internal sealed class SentenceEncoder
{
    private const double KnotsPerMeterPerSecond = 3600.0 / 1852.0;
    private const double SlowMetersPerSecond = 0.3;
    private readonly ReceiverProfile _profile;
    private readonly NmeaWriter _writer = new(128);
    private readonly GgaSentence _gga = new();
    private readonly GllSentence _gll = new();
    private readonly RmcSentence _rmc = new();
    private readonly VtgSentence _vtg = new();
    private readonly ZdaSentence _zda = new() { HasLocalZone = true }; // local zone 00,00
    private readonly GsaSentence _gsa = new() { SelectionMode = 'A' };
    private readonly GsvSentence _gsv = new();
    private readonly TxtSentence _txt = new();

    public SentenceEncoder(ReceiverProfile profile)
    {
        _profile = profile;
        _writer.TimeDecimals = profile.TimeDecimals;
        _writer.MinuteDecimals = profile.MinuteDecimals;
        _writer.DopDecimals = profile.DopDecimals;
        _writer.SpeedDecimals = profile.SpeedDecimals;
        _gga.Talker = _gll.Talker = _rmc.Talker = _vtg.Talker = _zda.Talker = _gsa.Talker = profile.NavTalker;
    }

    /// <summary>The sentences of one epoch, in the receiver's order.</summary>
    public List<byte[]> Encode(EpochReport report)
    {
        var sentences = new List<byte[]>();
        foreach (SentenceKind kind in _profile.Order)
        {
            switch (kind)
            {
                case SentenceKind.Gga: sentences.Add(Gga(report)); break;
                case SentenceKind.Gll: sentences.Add(Gll(report)); break;
                case SentenceKind.Rmc: sentences.Add(Rmc(report)); break;
                case SentenceKind.Vtg: sentences.Add(Vtg(report)); break;
                case SentenceKind.Zda: sentences.Add(Zda(report)); break;
                case SentenceKind.Gsa: Gsa(report, sentences); break;
                case SentenceKind.Gsv: Gsv(report, sentences); break;
            }
        }

        return sentences;
    }

    /// <summary>A text sentence <c>$--TXT,01,01,SEVERITY,TEXT</c> from the receiver's banner talker.</summary>
    public byte[] Text(int severity, string text)
    {
        _txt.Talker = _profile.BannerTalker;
        (_txt.TotalMessages, _txt.MessageNumber, _txt.TextId) = (1, 1, severity);
        _txt.Text.Set(text);
        return Encoded(_txt);
    }

    private byte[] Gga(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _gga.TimeUtc = Time(r.TimeUtc);
        (_gga.LatitudeDegrees, _gga.LongitudeDegrees) = Position(r, fix);
        _gga.FixQuality = fix ? 1 : 0;
        _gga.SatellitesUsed = Math.Min(fix ? r.Satellites.Count(s => s.Used) : 0, _profile.GgaMaxUsed);
        _gga.Hdop = Dop(fix, r.Dop.Hdop);
        _gga.AltitudeMslMeters = fix ? r.AltitudeMslMeters : double.NaN;
        _gga.GeoidSeparationMeters = fix ? r.GeoidSeparationMeters : double.NaN;
        return Encoded(_gga);
    }

    private byte[] Gll(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        (_gll.LatitudeDegrees, _gll.LongitudeDegrees) = Position(r, fix);
        _gll.TimeUtc = Time(r.TimeUtc);
        _gll.Status = fix ? 'A' : 'V';
        _gll.Mode = fix ? 'A' : 'N';
        return Encoded(_gll);
    }

    private byte[] Rmc(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _rmc.TimeUtc = Time(r.TimeUtc);
        _rmc.Status = fix ? 'A' : 'V';
        (_rmc.LatitudeDegrees, _rmc.LongitudeDegrees) = Position(r, fix);
        _rmc.SpeedKnots = fix ? r.SpeedMetersPerSecond * KnotsPerMeterPerSecond : double.NaN;
        _rmc.CourseDegrees = Course(r, fix);
        _rmc.Date = new NmeaDate(r.TimeUtc.Year, r.TimeUtc.Month, r.TimeUtc.Day);
        _rmc.Mode = fix ? 'A' : 'N';
        _rmc.NavigationalStatus = _profile.RmcNavStatus ? 'V' : '\0'; // "not valid for navigation" is what these modules send
        return Encoded(_rmc);
    }

    private byte[] Vtg(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _vtg.CourseTrueDegrees = Course(r, fix);
        _vtg.SpeedKnots = fix ? r.SpeedMetersPerSecond * KnotsPerMeterPerSecond : double.NaN;
        _vtg.SpeedKilometersPerHour = fix ? r.SpeedMetersPerSecond * 3.6 : double.NaN;
        _vtg.Mode = fix ? 'A' : 'N';
        return Encoded(_vtg);
    }

    private byte[] Zda(EpochReport r)
    {
        _zda.TimeUtc = Time(r.TimeUtc);
        _zda.Date = new NmeaDate(r.TimeUtc.Year, r.TimeUtc.Month, r.TimeUtc.Day);
        return Encoded(_zda);
    }

    private void Gsa(EpochReport r, List<byte[]> sentences)
    {
        if (!_profile.GsaPerSystem)
        {
            sentences.Add(GsaSentence(r, r.Satellites.Where(s => s.Used), null));
            return;
        }

        foreach (SystemOutput system in _profile.Systems)
        {
            sentences.Add(GsaSentence(r, r.Satellites.Where(s => s.Used && s.System == system.System), system));
        }
    }

    private byte[] GsaSentence(EpochReport r, IEnumerable<SatelliteObservation> used, SystemOutput? system)
    {
        bool fix = r.FixDimension > 0;
        _gsa.FixType = fix ? r.FixDimension : 1;
        _gsa.ClearSatellites();
        foreach (SatelliteObservation s in used)
        {
            if (!_gsa.AddSatellite(new SatelliteId(s.System, s.Prn)))
            {
                break; // the slots are full: these receivers list the first 12
            }
        }

        _gsa.Pdop = Dop(fix, r.Dop.Pdop);
        _gsa.Hdop = Dop(fix, r.Dop.Hdop);
        _gsa.Vdop = Dop(fix && r.FixDimension == 3, r.Dop.Vdop);
        _gsa.SystemId = system != null ? (int)system.System : -1;
        return Encoded(_gsa);
    }

    // GSV has one format in every model (and numbers GLONASS 65–96 as NMEA does). Azimuth is
    // rounded here so that 359.6° prints as 000, not 360.
    private void Gsv(EpochReport r, List<byte[]> sentences)
    {
        foreach (SystemOutput system in _profile.Systems)
        {
            SatelliteObservation[] sats = r.Satellites.Where(s => s.System == system.System).ToArray();
            int messages = Math.Max(1, (sats.Length + 3) / 4);
            for (int m = 0; m < messages; m++)
            {
                _gsv.Talker = system.GsvTalker;
                (_gsv.TotalMessages, _gsv.MessageNumber, _gsv.SatellitesInView) = (messages, m + 1, sats.Length);
                _gsv.SignalId = _profile.SignalIds ? system.SignalId : -1;
                _gsv.ClearSatellites();
                foreach (SatelliteObservation s in sats.Skip(m * 4).Take(4))
                {
                    _gsv.AddSatellite(new GsvSatellite(new SatelliteId(s.System, s.Prn), Math.Round(s.ElevationDegrees),
                        Math.Round(s.AzimuthDegrees) % 360, s.Tracked ? s.Cn0DbHz : double.NaN));
                }

                sentences.Add(Encoded(_gsv));
            }
        }
    }

    private static NmeaTime Time(DateTime utc) => new(utc.Hour, utc.Minute, utc.Second, utc.Millisecond);

    private static (double Latitude, double Longitude) Position(EpochReport r, bool fix)
        => fix ? (r.LatitudeDegrees, r.LongitudeDegrees) : (double.NaN, double.NaN);

    private double Course(EpochReport r, bool fix)
        => fix && !(_profile.CourseEmptyWhenSlow && r.SpeedMetersPerSecond < SlowMetersPerSecond) ? r.CourseDegrees : double.NaN;

    // Without a fix these receivers print a fixed DOP rather than none.
    private double Dop(bool known, double value) => known ? value : _profile.NoFixDop;

    private byte[] Encoded(NmeaTypedSentence sentence)
    {
        int length = sentence.Encode(_writer);
        return _writer.Buffer.AsSpan(0, length).ToArray();
    }
}
