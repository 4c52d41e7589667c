using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>Typed sentences: NMEA version differences, absent fields, exact values, and encode → decode round trips.</summary>
public class SentenceTests
{
    private static NmeaParser Parse(string text, NmeaSentenceType expected)
    {
        var parser = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        byte[] b = Encoding.ASCII.GetBytes(text + "\r\n");
        parser.Feed(b, 0, b.Length);
        Assert.Equal(expected, parser.Read());
        return parser;
    }

    private static NmeaRejectReason Reject(string text)
    {
        var parser = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        byte[] b = Encoding.ASCII.GetBytes(text + "\r\n");
        parser.Feed(b, 0, b.Length);
        Assert.Equal(NmeaSentenceType.None, parser.Read());
        return parser.LastRejectReason;
    }

    private static string Encode(NmeaTypedSentence sentence, NmeaWriter? writer = null)
    {
        writer ??= new NmeaWriter();
        int n = sentence.Encode(writer);
        Assert.True(n > 0);
        return Encoding.ASCII.GetString(writer.Buffer, 0, n).TrimEnd();
    }

    [Fact]
    public void Rmc_of_nmea_2_0_2_3_and_4_10()
    {
        var v20 = Parse("$GPRMC,225446,A,4916.45,N,12311.12,W,000.5,054.7,191194,020.3,E", NmeaSentenceType.Rmc).Rmc;
        Assert.Equal('\0', v20.Mode);
        Assert.Equal(new NmeaDate(1994, 11, 19), v20.Date); // 94 → 1994
        Assert.Equal(20.3, v20.MagneticVariationDegrees);

        var v23 = Parse("$GPRMC,225446,A,4916.45,N,12311.12,W,000.5,054.7,191124,020.3,W,D", NmeaSentenceType.Rmc).Rmc;
        Assert.Equal('D', v23.Mode);
        Assert.Equal(-20.3, v23.MagneticVariationDegrees);
        Assert.Equal(2024, v23.Date.Year);

        var v41 = Parse("$GNRMC,001031.00,V,,,,,,,010180,,,N,V", NmeaSentenceType.Rmc).Rmc;
        Assert.Equal(('V', 'N', 'V'), (v41.Status, v41.Mode, v41.NavigationalStatus));
        Assert.Equal(new NmeaDate(1980, 1, 1), v41.Date);
        Assert.False(v41.IsValid);
        Assert.True(double.IsNaN(v41.SpeedMetersPerSecond));
    }

    [Theory]
    [InlineData(0, 2000)]
    [InlineData(26, 2026)]
    [InlineData(79, 2079)]
    [InlineData(80, 1980)]
    [InlineData(99, 1999)]
    public void Two_digit_years_80_to_99_are_19xx_and_00_to_79_are_20xx(int yy, int year)
    {
        Assert.Equal(year, NmeaDate.YearFromTwoDigits(yy));
    }

    [Theory]
    [InlineData("$GPRMC,256000,A,4916.45,N,12311.12,W,0.5,54.7,191194,,")] // hour 25
    [InlineData("$GPRMC,225446,A,4960.45,N,12311.12,W,0.5,54.7,191194,,")] // minute 60
    [InlineData("$GPRMC,225446,A,4916.45,X,12311.12,W,0.5,54.7,191194,,")] // hemisphere X
    [InlineData("$GPRMC,225446,A,4916.45,N,12311.12,W,0.5x,54.7,191194,,")] // letter in a number
    [InlineData("$GPRMC,225446,A,4916.45,N,12311.12,W,0.5,54.7,191394,,")] // month 13
    [InlineData("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4.1,M,46.9,M,,")] // two points
    [InlineData("$GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00,Z")] // signal ID not hex
    [InlineData("$GPZDA,201530.00,04,07,1979,,")] // a year before GNSS
    [InlineData("$GPGLL,9100.00,N,00000.00,E,225444,A")] // latitude 91°
    [InlineData("$GPGLL,4916.45,N,18100.00,W,225444,A")] // longitude 181°
    public void Present_but_unreadable_fields_reject_the_sentence_as_InvalidField(string text)
    {
        Assert.Equal(NmeaRejectReason.InvalidField, Reject(text));
    }

    // MediaTek's no-fix placeholder (tr737A+.log): 8960.0000 is 89° 60' = 90°N, read as gpsd reads it;
    // only minute 60 with no fraction is a whole degree (4960.45 above stays invalid).
    [Theory]
    [InlineData("$GPGGA,071733.929,8960.0000,N,00000.0000,E,0,0,,137.0,M,13.0,M,,", 90.0, 0.0)]
    [InlineData("$GPGLL,4860.00,S,12060.000,W,225444,A", -49.0, -121.0)]
    public void Minute_60_exactly_is_the_next_whole_degree(string text, double latitude, double longitude)
    {
        NmeaParser parser = Parse(text, text[3..6] == "GGA" ? NmeaSentenceType.Gga : NmeaSentenceType.Gll);
        (double lat, double lon) = parser.Current switch
        {
            GgaSentence gga => (gga.LatitudeDegrees, gga.LongitudeDegrees),
            GllSentence gll => (gll.LatitudeDegrees, gll.LongitudeDegrees),
            _ => (double.NaN, double.NaN),
        };
        Assert.Equal(latitude, lat);
        Assert.Equal(longitude, lon);
    }

    [Theory]
    [InlineData("$GPRMC,225446,A,4916.45,N", NmeaRejectReason.MissingFields)]
    [InlineData("$GPGSA,A,3,04,05", NmeaRejectReason.MissingFields)]
    [InlineData("$GPXYZ,1,2,3", NmeaRejectReason.UnknownType)]
    [InlineData("$GPRMCX,1,2,3", NmeaRejectReason.UnknownType)]
    [InlineData("$GYOACC,090624,000653.10", NmeaRejectReason.UnknownTalker)]
    [InlineData("$SNRSTAT,1,1,0,0", NmeaRejectReason.UnknownTalker)]
    public void Other_named_rejections(string text, NmeaRejectReason reason)
    {
        Assert.Equal(reason, Reject(text));
    }

    [Fact]
    public void Coordinates_keep_ten_decimals_of_minutes_and_times_milliseconds()
    {
        var gga = Parse("$GNGGA,235959.999,8959.9999999999,S,17959.9999999999,E,4,12,0.5,1.0,M,0.0,M,1.5,0001", NmeaSentenceType.Gga).Gga;
        Assert.Equal(-CaptureTests.Degrees(89, 59.9999999999m), gga.LatitudeDegrees);
        Assert.Equal(CaptureTests.Degrees(179, 59.9999999999m), gga.LongitudeDegrees);
        Assert.NotEqual(-90.0, gga.LatitudeDegrees); // 1e-10 minute = 1.7e-12 degree is still resolved
        Assert.Equal(86399999, gga.TimeUtc.MillisecondOfDay);
        Assert.Equal(4, gga.FixQuality);
    }

    [Fact]
    public void Gsv_signal_id_is_read_as_hex_and_never_as_a_satellite()
    {
        var gsv = Parse("$GBGSV,1,1,02,07,01,332,,11,23,316,30,B", NmeaSentenceType.Gsv).Gsv;
        Assert.Equal(2, gsv.SatelliteCount);
        Assert.Equal(0xB, gsv.SignalId);
        Assert.Equal(2, gsv.GpsdSignalId); // B2I

        var empty = Parse("$GPGSV,1,1,00,1", NmeaSentenceType.Gsv).Gsv;
        Assert.Equal(0, empty.SatelliteCount);
        Assert.Equal(1, empty.SignalId);

        var legacy = Parse("$GPGSV,1,1,04,01,40,083,46,02,17,308,,12,07,344,39,14,22,228", NmeaSentenceType.Gsv).Gsv;
        Assert.Equal(4, legacy.SatelliteCount); // last block cut short: its SNR is absent
        Assert.True(double.IsNaN(legacy.GetSatellite(3).SnrDbHz));
        Assert.Equal(-1, legacy.SignalId);
    }

    [Fact]
    public void Dtm_and_txt_decode()
    {
        var dtm = Parse("$GPDTM,W84,,0.0,N,0.0,E,0.0,W84", NmeaSentenceType.Dtm).Dtm;
        Assert.True(dtm.LocalDatum.Matches("W84"));
        Assert.True(dtm.SubdivisionCode.IsEmpty);
        Assert.Equal(0.0, dtm.LatitudeOffsetMinutes);
        Assert.True(dtm.ReferenceDatum.Matches("W84"));

        var user = Parse("$GPDTM,999,,0.08,S,0.07,W,-47.7,W84", NmeaSentenceType.Dtm).Dtm;
        Assert.Equal((-0.08, -0.07, -47.7), (user.LatitudeOffsetMinutes, user.LongitudeOffsetMinutes, user.AltitudeOffsetMeters));
    }

    [Fact]
    public void Gbs_with_failed_satellite_and_system_id()
    {
        var gbs = Parse("$GNGBS,170556.00,3.0,2.9,8.3,35,0.001,-1.2,2.5,4,1", NmeaSentenceType.Gbs).Gbs;
        Assert.Equal(35, gbs.FailedSatelliteNumber);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 35), gbs.FailedSatellite);
        Assert.Equal((0.001, -1.2, 2.5), (gbs.MissedDetectionProbability, gbs.BiasMeters, gbs.BiasStandardDeviationMeters));
        Assert.Equal((4, 1), (gbs.SystemId, gbs.SignalId));
    }

    [Fact]
    public void Every_typed_sentence_encodes_and_decodes_back_to_the_same_text()
    {
        string[] samples =
        {
            "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.000,286.35,050826,,,A,V",
            "$GNGGA,213121.00,4404.12959,N,12118.86855,W,2,07,1.20,1102.5,M,-20.3,M,,0000",
            "$GNGNS,112257.00,3844.24011,N,00908.43828,W,AN,10,0.83,111.1,52.4,,",
            "$GNGSA,A,3,82,73,74,67,81,83,68,,,,,,0.99,0.54,0.83,2",
            "$GBGSV,2,1,07,04,01,262,,07,03,328,,27,78,059,44,28,29,115,34,1",
            "$GNVTG,286.35,T,,M,0.040,N,0.075,K,D",
            "$GNGLL,4739.71890,N,12219.58362,W,055234.20,A,A",
            "$GNZDA,223745.00,11,07,2020,00,00",
            "$GPGST,213121.00,16.1,22.2,10.2,2.0,0.4,0.6,1.4",
            "$GNGBS,223745.00,1.0,1.0,3.1,35,0.001,1.2,2.5,4,1",
            "$GPDTM,W84,,0.0000,N,0.0000,E,0.000,W84",
            "$GPTXT,01,01,02,ANTENNA OK",
            "$PSTI,030,213121.000,A,4404.1295864,N",
        };

        var writer = new NmeaWriter { TimeDecimals = 2 };
        foreach (string sample in samples)
        {
            var parser = Parse(sample, sample.StartsWith("$P", StringComparison.Ordinal) ? NmeaSentenceType.Proprietary : parser0(sample));
            writer.TimeDecimals = sample.Contains("055234.000", StringComparison.Ordinal) ? 3 : 2;
            string encoded = Encode(parser.Current, writer);
            Assert.Equal(sample, encoded[..encoded.LastIndexOf('*')]);

            // The encoded text carries a checksum that the reader checks.
            var check = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Required });
            byte[] b = Encoding.ASCII.GetBytes(encoded + "\r\n");
            check.Feed(b, 0, b.Length);
            Assert.NotEqual(NmeaSentenceType.None, check.Read());
        }

        static NmeaSentenceType parser0(string s) => Enum.Parse<NmeaSentenceType>(s.Substring(3, 3), ignoreCase: true);
    }

    [Fact]
    public void Building_a_sentence_from_values_for_the_simulator()
    {
        var gsv = new GsvSentence { Talker = NmeaTalker.GB, TotalMessages = 1, MessageNumber = 1, SatellitesInView = 2, SignalId = 1 };
        gsv.AddSatellite(new GsvSatellite(new SatelliteId(GnssSystem.Beidou, 13), 19, 43, 17));
        gsv.AddSatellite(new GsvSatellite(new SatelliteId(GnssSystem.Beidou, 27), 38, 127, double.NaN));
        Assert.Equal("$GBGSV,1,1,02,13,19,043,17,27,38,127,,1*75", Encode(gsv));

        var gsa = new GsaSentence { Talker = NmeaTalker.GN, SelectionMode = 'A', FixType = 3, Pdop = 1.5, Hdop = 0.9, Vdop = 1.2, SystemId = 2 };
        gsa.AddSatellite(new SatelliteId(GnssSystem.Glonass, 10));
        Assert.StartsWith("$GNGSA,A,3,74,,,,,,,,,,,,1.50,0.90,1.20,2*", Encode(gsa));

        var rmc = new RmcSentence { Talker = NmeaTalker.GN }; // everything absent: empty fields, not zeros
        Assert.StartsWith("$GNRMC,,,,,,,,,,,*", Encode(rmc));
    }

    [Fact]
    public void The_writer_sets_each_kind_of_fields_precision_for_every_typed_encoder()
    {
        // A CASIC board's dialect: 3 decimals of seconds, 1-decimal DOPs, 2-decimal speeds; and, to
        // show each knob, 1-decimal courses and 2-decimal altitudes.
        var writer = new NmeaWriter { TimeDecimals = 3, DopDecimals = 1, SpeedDecimals = 2, CourseDecimals = 1, AltitudeDecimals = 2 };
        var time = new NmeaTime(1, 30, 0, 200);
        var rmc = new RmcSentence { Talker = NmeaTalker.GN, TimeUtc = time, Status = 'A', LatitudeDegrees = 29.5, LongitudeDegrees = 106.5, SpeedKnots = 10.256, CourseDegrees = 87.25, Date = new NmeaDate(2026, 11, 30), Mode = 'A', NavigationalStatus = 'V' };
        Assert.StartsWith("$GNRMC,013000.200,A,2930.00000,N,10630.00000,E,10.26,87.3,301126,,,A,V*", Encode(rmc, writer));
        var vtg = new VtgSentence { Talker = NmeaTalker.GN, CourseTrueDegrees = 87.25, SpeedKnots = 10.256, SpeedKilometersPerHour = 18.994, Mode = 'A' };
        Assert.StartsWith("$GNVTG,87.3,T,,M,10.26,N,18.99,K,A*", Encode(vtg, writer));
        var gga = new GgaSentence { Talker = NmeaTalker.GN, TimeUtc = time, LatitudeDegrees = 29.5, LongitudeDegrees = 106.5, FixQuality = 1, SatellitesUsed = 9, Hdop = 0.86, AltitudeMslMeters = 250.125, GeoidSeparationMeters = -8.5 };
        Assert.StartsWith("$GNGGA,013000.200,2930.00000,N,10630.00000,E,1,09,0.9,250.13,M,-8.50,M,,*", Encode(gga, writer));
        var gsa = new GsaSentence { Talker = NmeaTalker.GN, SelectionMode = 'A', FixType = 3, Pdop = 1.46, Hdop = 0.86, Vdop = 1.18, SystemId = 4 };
        gsa.AddSatellite(new SatelliteId(GnssSystem.Beidou, 7));
        Assert.StartsWith("$GNGSA,A,3,07,,,,,,,,,,,,1.5,0.9,1.2,4*", Encode(gsa, writer));

        // The defaults are what the encoders always wrote (u-blox: DOP 2, speed 3, course 2, altitude 1).
        var defaults = new NmeaWriter();
        Assert.Equal((2, 2, 3, 2, 1), (defaults.TimeDecimals, defaults.DopDecimals, defaults.SpeedDecimals, defaults.CourseDecimals, defaults.AltitudeDecimals));
        Assert.StartsWith("$GNVTG,87.25,T,,M,10.256,N,18.994,K,A*", Encode(vtg, defaults));
    }

    [Fact]
    public void A_GSA_with_24_satellite_slots_is_read_whole_with_its_DOPs()
    {
        // Navior-24 CH-4701 (gpsd's ch-4701.log): 24 slots, then the three DOPs.
        GsaSentence gsa = Parse("$GPGSA,A,3,23,13,07,25,,,,,,,,,,,,,,,,,,,,,09.2,07.2,05.7", NmeaSentenceType.Gsa).Gsa;
        Assert.Equal((24, 4, 9.2, 7.2, 5.7, -1), (gsa.SlotCount, gsa.SatelliteCount, gsa.Pdop, gsa.Hdop, gsa.Vdop, gsa.SystemId));
        Assert.Equal([23, 13, 7, 25], Enumerable.Range(0, 4).Select(gsa.GetNumber));

        // 24 slots full, and a system ID after the DOPs.
        string full = "$GNGSA,A,3," + string.Join(",", Enumerable.Range(1, 24).Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture))) + ",1.10,0.60,0.90,1";
        gsa = Parse(full, NmeaSentenceType.Gsa).Gsa;
        Assert.Equal((24, 24, 1.1, 0.6, 0.9, 1), (gsa.SlotCount, gsa.SatelliteCount, gsa.Pdop, gsa.Hdop, gsa.Vdop, gsa.SystemId));
        Assert.Equal(new SatelliteId(GnssSystem.Gps, 24), gsa.GetSatellite(23));
        string encoded = Encode(gsa);
        Assert.Equal(full, encoded[..encoded.LastIndexOf('*')]); // written back with its 24 slots

        // The standard 12 slots and a system ID are read as before.
        gsa = Parse("$GNGSA,A,3,02,07,14,15,17,20,22,30,,,,,1.5,0.9,1.2,1", NmeaSentenceType.Gsa).Gsa;
        Assert.Equal((12, 8, 1.5, 0.9, 1.2, 1), (gsa.SlotCount, gsa.SatelliteCount, gsa.Pdop, gsa.Hdop, gsa.Vdop, gsa.SystemId));

        // Encoding: 12 slots unless asked for more; AddSatellite refuses past them.
        var written = new GsaSentence { Talker = NmeaTalker.GP, SelectionMode = 'A', FixType = 3 };
        Assert.All(Enumerable.Range(1, 12), n => Assert.True(written.AddSatellite(new SatelliteId(GnssSystem.Gps, n))));
        Assert.False(written.AddSatellite(new SatelliteId(GnssSystem.Gps, 13)));
        written.SlotCount = 24;
        Assert.True(written.AddSatellite(new SatelliteId(GnssSystem.Gps, 13)));
        Assert.Equal(3 + 24 + 3, Encode(written).Split('*')[0].Split(',').Length);
    }
}
