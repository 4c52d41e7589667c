using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Receiver;

/// <summary>
/// Turns an <see cref="EpochReport"/> into the NMEA sentences of one receiver profile. GSV and TXT
/// go through EdgeSdk.Nmea's typed encoders; GGA, GLL, GSA, RMC, VTG and ZDA are written field by
/// field with <see cref="NmeaWriter"/> (which owns number formatting and the checksum) because
/// the models differ in precision the typed encoders fix (CASIC's 1-decimal DOP and 2-decimal
/// speed, "25.5"/"99.99" DOP without a fix).
/// </summary>
internal sealed class SentenceEncoder
{
    private const double KnotsPerMeterPerSecond = 3600.0 / 1852.0;
    private const double SlowMetersPerSecond = 0.3;
    private readonly ReceiverProfile _profile;
    private readonly NmeaWriter _writer = new(128);
    private readonly GsvSentence _gsv = new();
    private readonly TxtSentence _txt = new();

    public SentenceEncoder(ReceiverProfile profile) => _profile = profile;

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
        _writer.Begin(_profile.NavTalker, "GGA");
        Time(r.TimeUtc);
        Position(r, fix);
        _writer.Field(fix ? 1L : 0L);
        _writer.FieldPadded(Math.Min(fix ? r.Satellites.Count(s => s.Used) : 0, _profile.GgaMaxUsed), 2);
        Dop(fix, r.Dop.Hdop);
        if (fix)
        {
            _writer.Field(r.AltitudeMslMeters, 1);
            _writer.Field('M');
            _writer.Field(r.GeoidSeparationMeters, 1);
            _writer.Field('M');
        }
        else
        {
            Empty(4);
        }

        Empty(2); // age of differential corrections, station ID
        return Finish();
    }

    private byte[] Gll(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _writer.Begin(_profile.NavTalker, "GLL");
        Position(r, fix);
        Time(r.TimeUtc);
        _writer.Field(fix ? 'A' : 'V');
        _writer.Field(fix ? 'A' : 'N');
        return Finish();
    }

    private byte[] Rmc(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _writer.Begin(_profile.NavTalker, "RMC");
        Time(r.TimeUtc);
        _writer.Field(fix ? 'A' : 'V');
        Position(r, fix);
        Speed(fix, r.SpeedMetersPerSecond * KnotsPerMeterPerSecond);
        Course(r, fix);
        _writer.Date(r.TimeUtc.Day, r.TimeUtc.Month, r.TimeUtc.Year);
        Empty(2); // magnetic variation and its direction
        _writer.Field(fix ? 'A' : 'N');
        if (_profile.RmcNavStatus)
        {
            _writer.Field('V'); // navigational status: "not valid for navigation" is what these modules send
        }

        return Finish();
    }

    private byte[] Vtg(EpochReport r)
    {
        bool fix = r.FixDimension > 0;
        _writer.Begin(_profile.NavTalker, "VTG");
        Course(r, fix);
        _writer.Field('T');
        _writer.Empty();
        _writer.Field('M');
        Speed(fix, r.SpeedMetersPerSecond * KnotsPerMeterPerSecond);
        _writer.Field('N');
        Speed(fix, r.SpeedMetersPerSecond * 3.6);
        _writer.Field('K');
        _writer.Field(fix ? 'A' : 'N');
        return Finish();
    }

    private byte[] Zda(EpochReport r)
    {
        _writer.Begin(_profile.NavTalker, "ZDA");
        Time(r.TimeUtc);
        _writer.FieldPadded(r.TimeUtc.Day, 2);
        _writer.FieldPadded(r.TimeUtc.Month, 2);
        _writer.FieldPadded(r.TimeUtc.Year, 4);
        _writer.FieldPadded(0, 2);
        _writer.FieldPadded(0, 2);
        return Finish();
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
        _writer.Begin(_profile.NavTalker, "GSA");
        _writer.Field('A');
        _writer.Field(fix ? r.FixDimension : 1L);
        int written = 0;
        foreach (SatelliteObservation s in used.Take(12))
        {
            _writer.FieldPadded(NmeaId(s), 2);
            written++;
        }

        Empty(12 - written);
        Dop(fix, r.Dop.Pdop);
        Dop(fix, r.Dop.Hdop);
        Dop(fix && r.FixDimension == 3, r.Dop.Vdop);
        if (system != null)
        {
            _writer.FieldHex((int)system.System);
        }

        return Finish();
    }

    // GSV has one format in every model: EdgeSdk.Nmea's typed encoder writes it (and numbers
    // GLONASS 65–96 as NMEA does). Azimuth is rounded here so that 359.6° prints as 000, not 360.
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

    private static int NmeaId(SatelliteObservation s) => SatelliteNumbering.ToNmeaNumber(new SatelliteId(s.System, s.Prn));

    private void Time(DateTime utc) =>
        _writer.Time(utc.Hour, utc.Minute, utc.Second, utc.Millisecond, _profile.TimeDecimals);

    private void Position(EpochReport r, bool fix)
    {
        if (fix)
        {
            _writer.Latitude(r.LatitudeDegrees, _profile.MinuteDecimals);
            _writer.Longitude(r.LongitudeDegrees, _profile.MinuteDecimals);
        }
        else
        {
            Empty(4);
        }
    }

    private void Speed(bool fix, double value)
    {
        if (fix)
        {
            _writer.Field(value, _profile.SpeedDecimals);
        }
        else
        {
            _writer.Empty();
        }
    }

    private void Course(EpochReport r, bool fix)
    {
        if (fix && !(_profile.CourseEmptyWhenSlow && r.SpeedMetersPerSecond < SlowMetersPerSecond))
        {
            _writer.Field(r.CourseDegrees, 2);
        }
        else
        {
            _writer.Empty();
        }
    }

    private void Dop(bool known, double value)
    {
        if (known)
        {
            _writer.Field(value, _profile.DopDecimals);
        }
        else
        {
            _writer.Field(_profile.NoFixDop);
        }
    }

    private void Empty(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _writer.Empty();
        }
    }

    private byte[] Encoded(NmeaTypedSentence sentence)
    {
        int length = sentence.Encode(_writer);
        return _writer.Buffer.AsSpan(0, length).ToArray();
    }

    private byte[] Finish()
    {
        int length = _writer.End();
        return _writer.Buffer.AsSpan(0, length).ToArray();
    }
}
