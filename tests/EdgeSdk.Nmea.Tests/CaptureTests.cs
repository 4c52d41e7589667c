using System.Text.RegularExpressions;

namespace EdgeSdk.Nmea.Tests;

/// <summary>The real gpsd captures: every sentence accounted for, and hand-checked values from each.</summary>
public class CaptureTests
{
    // Accepted, and rejected per reason, for each capture. Every '$' line is one or the other.
    [Theory]
    [InlineData("beidou-bd.log", 79, 0, NmeaRejectReason.None)]
    [InlineData("beidou-gb.log", 68, 0, NmeaRejectReason.None)]
    [InlineData("nmea-fuzzy-cases.log", 28, 0, NmeaRejectReason.None)]
    [InlineData("quectel-l76k-nmea.log", 2280, 0, NmeaRejectReason.None)]
    [InlineData("skytraq-dgps.log", 1024, 0, NmeaRejectReason.None)]
    [InlineData("tcp-torture.log", 6, 1, NmeaRejectReason.InvalidField)] // GGA with gpsd's '|' delay cookies in its time
    [InlineData("ublox-neo-m9n-nmea.log", 1403, 0, NmeaRejectReason.None)]
    [InlineData("unicore-um621.log", 662, 220, NmeaRejectReason.UnknownTalker)] // 200 $GYOACC + 20 $SNRSTAT
    public void Every_sentence_of_a_capture_is_accepted_or_rejected_for_a_named_reason(string name, int accepted, int rejected, NmeaRejectReason reason)
    {
        var parser = Captures.NewParser();
        int read = Captures.Decode(parser, Captures.Bytes(name)).Count;

        NmeaStatistics stats = parser.Statistics;
        Assert.Equal(accepted, read);
        Assert.Equal(accepted, stats.Accepted);
        Assert.Equal(rejected, stats.Rejected);
        Assert.Equal(rejected, reason == NmeaRejectReason.None ? 0 : stats.GetRejected(reason));
        Assert.Equal(Captures.SentenceLines(name), stats.Accepted + stats.Rejected);
        Assert.Equal(0, stats.BinaryFrames);
    }

    [Fact]
    public void Every_listed_sentence_type_in_the_captures_decodes_to_its_typed_class()
    {
        var parser = Captures.NewParser();
        var types = Captures.Decode(parser, Captures.All()).Select(s => s.Type).ToHashSet();
        foreach (var t in new[] { NmeaSentenceType.Rmc, NmeaSentenceType.Gga, NmeaSentenceType.Gns, NmeaSentenceType.Gsa, NmeaSentenceType.Gsv, NmeaSentenceType.Vtg, NmeaSentenceType.Gll, NmeaSentenceType.Zda, NmeaSentenceType.Gst, NmeaSentenceType.Gbs, NmeaSentenceType.Txt, NmeaSentenceType.Proprietary })
        {
            Assert.Contains(t, types);
        }
    }

    [Fact]
    public void BeidouBd_sirf_trig_rmc_gsv_gns_and_nonstandard_gsa()
    {
        // " $GNRMC,074157.799,A,3114.8902,N,12135.2443,E,0.32,4.94,250215,,,A*7F" (leading blank in the capture)
        var p = Captures.At("beidou-bd.log", "$GNRMC,074157.799");
        RmcSentence rmc = p.Rmc;
        Assert.Equal(NmeaTalker.GN, rmc.Talker);
        Assert.Equal(new NmeaTime(7, 41, 57, 799), rmc.TimeUtc);
        Assert.Equal('A', rmc.Status);
        Assert.Equal(Degrees(31, 14.8902m), rmc.LatitudeDegrees);
        Assert.Equal(Degrees(121, 35.2443m), rmc.LongitudeDegrees);
        Assert.Equal(0.32, rmc.SpeedKnots);
        Assert.Equal(4.94, rmc.CourseDegrees);
        Assert.Equal(new NmeaDate(2015, 2, 25), rmc.Date);
        Assert.True(double.IsNaN(rmc.MagneticVariationDegrees));
        Assert.Equal('A', rmc.Mode);
        Assert.Equal('\0', rmc.NavigationalStatus);

        // $BDGSV,2,1,07,01,00,000,45,02,01,090,35,03,00,000,38,04,00,000,42*6A: BD talker, numbers 1–63 are BeiDou
        p = Captures.At("beidou-bd.log", "$BDGSV,2,1,07");
        GsvSentence gsv = p.Gsv;
        Assert.Equal(4, gsv.SatelliteCount);
        Assert.Equal(7, gsv.SatellitesInView);
        Assert.Equal(-1, gsv.SignalId);
        GsvSatellite first = gsv.GetSatellite(0);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 1), first.Id);
        Assert.Equal((401, 3, 1), (first.Id.GpsdPrn, first.Id.GpsdGnssId, first.Id.GpsdSvid));
        Assert.Equal((0.0, 0.0, 45.0), (first.ElevationDegrees, first.AzimuthDegrees, first.SnrDbHz));
        Assert.Equal((1.0, 90.0, 35.0), (gsv.GetSatellite(1).ElevationDegrees, gsv.GetSatellite(1).AzimuthDegrees, gsv.GetSatellite(1).SnrDbHz));

        // $GNGNS,074150.799,,,,,NNNN,00,,,0.0,,0000*63: no fix, every absent field absent, no exception
        p = Captures.At("beidou-bd.log", "$GNGNS,074150.799");
        GnsSentence gns = p.Gns;
        Assert.True(double.IsNaN(gns.LatitudeDegrees));
        Assert.True(double.IsNaN(gns.Hdop));
        Assert.True(double.IsNaN(gns.AltitudeMslMeters));
        Assert.Equal(4, gns.ModeCount);
        Assert.Equal('N', gns.GetMode(3));
        Assert.Equal(0, gns.SatellitesUsed);
        Assert.Equal(0.0, gns.GeoidSeparationMeters);
        Assert.Equal(0, gns.DgpsStationId);

        // $BDGSA,A,3,02,03,04,,,,,,,,,,5.1,1.3,4.9,3.3*2F: field 18 is a DOP, not a system ID
        p = Captures.At("beidou-bd.log", "$BDGSA,A,3");
        GsaSentence gsa = p.Gsa;
        Assert.Equal(3, gsa.FixType);
        Assert.Equal(3, gsa.SatelliteCount);
        Assert.Equal(-1, gsa.SystemId);
        Assert.Equal(GnssSystem.Beidou, gsa.System);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 4), gsa.GetSatellite(2));
        Assert.Equal((5.1, 1.3, 4.9), (gsa.Pdop, gsa.Hdop, gsa.Vdop));
    }

    [Fact]
    public void BeidouGb_numbers_201_and_up_under_GB_are_BeiDou()
    {
        // $GBGSV,2,1,05,201,00,000,44,202,14,089,35,204,00,000,42,205,27,091,*66
        var p = Captures.At("beidou-gb.log", "$GBGSV,2,1,05");
        GsvSentence gsv = p.Gsv;
        Assert.Equal(4, gsv.SatelliteCount);
        Assert.Equal(201, gsv.GetSatellite(0).Number);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 1), gsv.GetSatellite(0).Id);
        Assert.Equal(405, gsv.GetSatellite(3).Id.GpsdPrn);
        Assert.True(double.IsNaN(gsv.GetSatellite(3).SnrDbHz));
        Assert.Equal(27.0, gsv.GetSatellite(3).ElevationDegrees);

        // $GNGSA,A,1,,,,,,,,,,,,,,,*00: no satellites, no DOPs
        p = Captures.At("beidou-gb.log", "$GNGSA,A,1");
        Assert.Equal(0, p.Gsa.SatelliteCount);
        Assert.Equal(1, p.Gsa.FixType);
        Assert.True(double.IsNaN(p.Gsa.Pdop));
    }

    [Fact]
    public void FuzzyCases_trimble_rtk_positions_are_exact_to_the_last_digit()
    {
        // $GPGGA,132820.60,4134.49821229,N,09345.03351845,W,2,09,1.0,278.020,M,-31.442,M,7.6,0133*7E
        var p = Captures.At("nmea-fuzzy-cases.log", "$GPGGA,132820.60");
        GgaSentence gga = p.Gga;
        Assert.Equal(new NmeaTime(13, 28, 20, 600), gga.TimeUtc);
        Assert.Equal(Degrees(41, 34.49821229m), gga.LatitudeDegrees);
        Assert.Equal(-Degrees(93, 45.03351845m), gga.LongitudeDegrees);
        Assert.Equal(2, gga.FixQuality);
        Assert.Equal(9, gga.SatellitesUsed);
        Assert.Equal(1.0, gga.Hdop);
        Assert.Equal(278.020, gga.AltitudeMslMeters);
        Assert.Equal(-31.442, gga.GeoidSeparationMeters);
        Assert.Equal(7.6, gga.DgpsAgeSeconds);
        Assert.Equal(133, gga.DgpsStationId);

        // $GPRMC,132820.60,A,4134.49821229,N,09345.03351845,W,3.252,92.308,180320,11.5985,E,D*1A
        p = Captures.At("nmea-fuzzy-cases.log", "$GPRMC,132820.60");
        Assert.Equal(11.5985, p.Rmc.MagneticVariationDegrees);
        Assert.Equal(new NmeaDate(2020, 3, 18), p.Rmc.Date);
        Assert.Equal('D', p.Rmc.Mode);
        Assert.Equal(3.252 * 1852 / 3600, p.Rmc.SpeedMetersPerSecond, 12);
    }

    [Fact]
    public void QuectelL76k_casic_rmc_411_gsa_gsv_zda_txt()
    {
        // $GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13
        var p = Captures.At("quectel-l76k-nmea.log", "$GNRMC,055234.000");
        Assert.Equal(new NmeaDate(2026, 8, 5), p.Rmc.Date);
        Assert.Equal('V', p.Rmc.NavigationalStatus);
        Assert.Equal(Degrees(47, 39.71890m), p.Rmc.LatitudeDegrees);
        Assert.Equal(-Degrees(122, 19.58362m), p.Rmc.LongitudeDegrees);
        Assert.Equal(0.0, p.Rmc.SpeedKnots);

        // $BDGSV,1,1,03,13,19,043,17,27,38,127,33,37,36,091,24,0*49: signal ID 0 after three blocks
        p = Captures.At("quectel-l76k-nmea.log", "$BDGSV,1,1,03,13");
        Assert.Equal(3, p.Gsv.SatelliteCount);
        Assert.Equal(0, p.Gsv.SignalId);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 37), p.Gsv.GetSatellite(2).Id);
        Assert.Equal(437, p.Gsv.GetSatellite(2).Id.GpsdPrn);

        // $GLGSV,3,1,10,74,52,302,,82,25,034,33,73,59,049,31,80,10,081,21,0*71
        p = Captures.At("quectel-l76k-nmea.log", "$GLGSV,3,1,10,74");
        Assert.Equal(new SatelliteId(GnssSystem.Glonass, 10), p.Gsv.GetSatellite(0).Id);
        Assert.Equal((74, 6), (p.Gsv.GetSatellite(0).Id.GpsdPrn, p.Gsv.GetSatellite(0).Id.GpsdGnssId));

        // $GNGSA,A,3,02,07,14,15,17,20,22,30,,,,,1.5,0.9,1.2,1*3C
        p = Captures.At("quectel-l76k-nmea.log", "$GNGSA,A,3,02,07,14");
        Assert.Equal(1, p.Gsa.SystemId);
        Assert.Equal(8, p.Gsa.SatelliteCount);
        Assert.Equal(new SatelliteId(GnssSystem.Gps, 30), p.Gsa.GetSatellite(7));

        // $GNZDA,055234.000,05,08,2026,00,00*46
        p = Captures.At("quectel-l76k-nmea.log", "$GNZDA,055234.000");
        Assert.Equal(new NmeaDate(2026, 8, 5), p.Zda.Date);
        Assert.True(p.Zda.HasLocalZone);

        // $GPTXT,01,01,01,ANTENNA OK*35
        p = Captures.At("quectel-l76k-nmea.log", "$GPTXT");
        Assert.Equal(1, p.Txt.TextId);
        Assert.True(p.Txt.Text.Matches("ANTENNA OK"));

        // $GNGLL,4739.71890,N,12219.58362,W,055234.200,A,A*5F
        p = Captures.At("quectel-l76k-nmea.log", "$GNGLL,4739.71890,N,12219.58362,W,055234.200");
        Assert.Equal(new NmeaTime(5, 52, 34, 200), p.Gll.TimeUtc);
        Assert.Equal(('A', 'A'), (p.Gll.Status, p.Gll.Mode));
    }

    [Fact]
    public void Skytraq_dgps_gst_zda_vtg_and_BeiDou_214_in_BDGSA()
    {
        // $GPGST,213121.000,16.1,22.2,10.2,2.0,0.4,0.6,1.4*57
        var p = Captures.At("skytraq-dgps.log", "$GPGST,213121.000");
        GstSentence gst = p.Gst;
        Assert.Equal((16.1, 22.2, 10.2, 2.0), (gst.RangeRmsMeters, gst.SemiMajorDeviationMeters, gst.SemiMinorDeviationMeters, gst.SemiMajorOrientationDegrees));
        Assert.Equal((0.4, 0.6, 1.4), (gst.LatitudeErrorMeters, gst.LongitudeErrorMeters, gst.AltitudeErrorMeters));

        // $GPGST,213122.000,15.7,22.8,11.6,-1.1,0.4,0.6,1.3*76: negative orientation
        p = Captures.At("skytraq-dgps.log", "$GPGST,213122.000");
        Assert.Equal(-1.1, p.Gst.SemiMajorOrientationDegrees);

        // $BDGSA,A,3,214,,,,,,,,,,,,2.5,1.2,2.2*10
        p = Captures.At("skytraq-dgps.log", "$BDGSA,A,3,214");
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 14), p.Gsa.GetSatellite(0));
        Assert.Equal(414, p.Gsa.GetSatellite(0).GpsdPrn);

        // $GPVTG,122.7,T,,M,000.0,N,000.0,K,D*0E
        p = Captures.At("skytraq-dgps.log", "$GPVTG,122.7");
        Assert.Equal(122.7, p.Vtg.CourseTrueDegrees);
        Assert.True(double.IsNaN(p.Vtg.CourseMagneticDegrees));
        Assert.Equal(0.0, p.Vtg.SpeedKilometersPerHour);
        Assert.Equal('D', p.Vtg.Mode);

        // $GPGGA,213121.000,4404.1295864,N,12118.8685453,W,2,07,1.2,1102.537,M,-20.300,M,,0000*5F
        p = Captures.At("skytraq-dgps.log", "$GPGGA,213121.000");
        Assert.Equal(Degrees(44, 4.1295864m), p.Gga.LatitudeDegrees);
        Assert.Equal(1102.537, p.Gga.AltitudeMslMeters);
        Assert.True(double.IsNaN(p.Gga.DgpsAgeSeconds));

        // $PSTI,030,...: proprietary, passed through
        p = Captures.At("skytraq-dgps.log", "$PSTI,030,213121.000");
        Assert.Equal(NmeaSentenceType.Proprietary, p.Current.Type);
        Assert.True(p.Proprietary.Address.Matches("PSTI"));
        Assert.Equal(15, p.Proprietary.FieldCount);
    }

    [Fact]
    public void TcpTorture_sbas_33_and_35_in_GPGSV_and_the_delay_cookie_line()
    {
        // $GPGSV,3,3,12,05,15,318,,24,02,246,,33,08,096,,35,45,118,*7D
        var p = Captures.At("tcp-torture.log", "$GPGSV,3,3,12");
        Assert.Equal(new SatelliteId(GnssSystem.Sbas, 120), p.Gsv.GetSatellite(2).Id);
        Assert.Equal((33, 1, 120), (p.Gsv.GetSatellite(2).Id.GpsdPrn, p.Gsv.GetSatellite(2).Id.GpsdGnssId, p.Gsv.GetSatellite(2).Id.GpsdSvid));
        Assert.Equal(new SatelliteId(GnssSystem.Sbas, 122), p.Gsv.GetSatellite(3).Id);

        // gpsfake writes the bytes between '|' cookies as separate writes; the cookies are not data.
        string text = File.ReadAllText(Captures.PathOf("tcp-torture.log"));
        string[] pieces = text.Split('|');
        var parser = Captures.NewParser();
        int ggas = 0;
        foreach (string piece in pieces)
        {
            byte[] b = System.Text.Encoding.ASCII.GetBytes(piece);
            parser.Feed(b, 0, b.Length);
            while (parser.Read() != NmeaSentenceType.None)
            {
                if (parser.Current is GgaSentence gga)
                {
                    ggas++;
                    Assert.Equal(new NmeaTime(19, 32, 21, 0), gga.TimeUtc);
                    Assert.Equal(Degrees(20, 37.72792m), gga.LatitudeDegrees);
                    Assert.Equal(-30.40, gga.AltitudeMslMeters);
                }
            }
        }

        Assert.Equal(1, ggas);
        Assert.Equal(0, parser.Statistics.Rejected);
        Assert.Equal(7, parser.Statistics.Accepted);
    }

    [Fact]
    public void UbloxM9n_four_gsa_per_epoch_signal_ids_gbs_gst()
    {
        // $GNGSA,A,3,82,73,74,67,81,83,68,,,,,,0.99,0.54,0.83,2*08: GLONASS by system ID
        var p = Captures.At("ublox-neo-m9n-nmea.log", "$GNGSA,A,3,82");
        Assert.Equal(2, p.Gsa.SystemId);
        Assert.Equal(GnssSystem.Glonass, p.Gsa.System);
        Assert.Equal(new SatelliteId(GnssSystem.Glonass, 18), p.Gsa.GetSatellite(0));

        // $GNGSA,A,3,32,28,30,33,27,,,,,,,,0.99,0.54,0.83,4*03: BeiDou by system ID, numbers 1–63
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GNGSA,A,3,32,28");
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 32), p.Gsa.GetSatellite(0));

        // $GAGSV,3,1,10,03,44,149,40,05,42,071,39,08,08,190,,09,06,034,,7*74
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GAGSV,3,1,10,03");
        Assert.Equal(7, p.Gsv.SignalId);
        Assert.Equal(4, p.Gsv.GpsdSignalId);
        Assert.Equal(303, p.Gsv.GetSatellite(0).Id.GpsdPrn);
        Assert.Equal(4, p.Gsv.SatelliteCount); // the signal ID is not a fifth satellite

        // $GPGSV,4,4,16,29,46,133,43,44,45,171,45,46,45,191,43,51,43,156,43,1*60: SBAS under GP
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GPGSV,4,4,16");
        Assert.Equal(new SatelliteId(GnssSystem.Sbas, 138), p.Gsv.GetSatellite(3).Id);
        Assert.Equal(51, p.Gsv.GetSatellite(3).Id.GpsdPrn);

        // $GNGBS,223745.00,1.0,1.0,3.1,,,,,,*58
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GNGBS,223745.00");
        Assert.Equal((1.0, 1.0, 3.1), (p.Gbs.LatitudeErrorMeters, p.Gbs.LongitudeErrorMeters, p.Gbs.AltitudeErrorMeters));
        Assert.Equal(-1, p.Gbs.FailedSatelliteNumber);
        Assert.False(p.Gbs.FailedSatellite.IsKnown);
        Assert.True(double.IsNaN(p.Gbs.BiasMeters));
        Assert.Equal(-1, p.Gbs.SystemId);

        // $GNGST,223745.00,228650,2.5,2.4,126,0.98,1.0,3.1*41
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GNGST,223745.00");
        Assert.Equal(228650.0, p.Gst.RangeRmsMeters);
        Assert.Equal(0.98, p.Gst.LatitudeErrorMeters);

        // $GNVTG,,T,,M,0.040,N,0.075,K,D*3E
        p = Captures.At("ublox-neo-m9n-nmea.log", "$GNVTG,,T");
        Assert.True(double.IsNaN(p.Vtg.CourseTrueDegrees));
        Assert.Equal(0.075 / 3.6, p.Vtg.SpeedMetersPerSecond, 15);
    }

    [Fact]
    public void UnicoreUm621_qzss_gsa_signal_ids_and_txt_with_commas()
    {
        // $GNGSA,A,3,,,,,,,,,,,,,1.05,0.69,0.79,5*00
        var p = Captures.At("unicore-um621.log", "$GNGSA,A,3,,,,,,,,,,,,,1.05,0.69,0.79,5");
        Assert.Equal(GnssSystem.Qzss, p.Gsa.System);
        Assert.Equal(0, p.Gsa.SatelliteCount);

        // $GBGSV,4,1,14,07,01,332,,11,23,316,30,12,68,259,34,19,17,055,21,1*7D
        p = Captures.At("unicore-um621.log", "$GBGSV,4,1,14");
        Assert.Equal(1, p.Gsv.SignalId);
        Assert.Equal(new SatelliteId(GnssSystem.Beidou, 7), p.Gsv.GetSatellite(0).Id);

        // $GNTXT,01,01,01,0,500482,0000,80A0,80A0,-37.847,0*67
        p = Captures.At("unicore-um621.log", "$GNTXT,01,01,01");
        Assert.True(p.Txt.Text.Matches("0,500482,0000,80A0,80A0,-37.847,0"));

        // $GNGGA,000653.00,4404.12994,N,12118.84613,W,1,29,0.69,1109.2,M,,M,,*71: geoid separation absent
        p = Captures.At("unicore-um621.log", "$GNGGA,000653.00");
        Assert.Equal(29, p.Gga.SatellitesUsed);
        Assert.True(double.IsNaN(p.Gga.GeoidSeparationMeters));
        Assert.Equal(-1, p.Gga.DgpsStationId);

        // $PDTINFO: proprietary passed through
        p = Captures.At("unicore-um621.log", "$PDTINFO");
        Assert.True(p.Proprietary.Address.Matches("PDTINFO"));
    }

    // gpsd's *.chk output lists every satellite as {"PRN":..,"gnssid":..,"svid":..[,"sigid":..]}. Our GSV
    // decoding of the same capture must produce exactly the same set of identities.
    [Theory]
    [InlineData("beidou-bd.log")]
    [InlineData("beidou-gb.log")]
    [InlineData("skytraq-dgps.log")]
    [InlineData("tcp-torture.log")]
    [InlineData("ublox-neo-m9n-nmea.log")]
    [InlineData("unicore-um621.log")]
    public void Gsv_satellite_identities_match_gpsd_output(string name)
    {
        string chk = File.ReadAllText(Captures.PathOf(name + ".chk"));
        var expected = Regex.Matches(chk, "\\{\"PRN\":(\\d+),\"gnssid\":(\\d+),\"svid\":(\\d+)(?:,\"sigid\":(\\d+))?")
            .Select(m => (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 0))
            .ToHashSet();

        var parser = Captures.NewParser();
        byte[] bytes = Captures.Bytes(name);
        var actual = new HashSet<(int, int, int, int)>();
        var used = new HashSet<(int, int, int)>();
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            if (type == NmeaSentenceType.Gsa)
            {
                for (int i = 0; i < parser.Gsa.SatelliteCount; i++)
                {
                    SatelliteId id = parser.Gsa.GetSatellite(i);
                    used.Add((id.GpsdPrn, id.GpsdGnssId, id.GpsdSvid));
                }
            }

            if (type == NmeaSentenceType.Gsv)
            {
                for (int i = 0; i < parser.Gsv.SatelliteCount; i++)
                {
                    SatelliteId id = parser.Gsv.GetSatellite(i).Id;
                    actual.Add((id.GpsdPrn, id.GpsdGnssId, id.GpsdSvid, parser.Gsv.GpsdSignalId));
                }
            }
        }

        Assert.Equal(expected.OrderBy(x => x).ToList(), actual.OrderBy(x => x).ToList());
        var expectedTriples = expected.Select(e => (e.Item1, e.Item2, e.Item3)).ToHashSet();
        Assert.Subset(expectedTriples, used);
    }

    /// <summary>The exact decimal value of degrees + minutes/60, rounded once to double.</summary>
    /// (decimal keeps 28 digits; parsing that text gives the correctly rounded double, unlike a decimal cast.)
    internal static double Degrees(int degrees, decimal minutes) =>
        double.Parse((degrees + (minutes / 60m)).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
