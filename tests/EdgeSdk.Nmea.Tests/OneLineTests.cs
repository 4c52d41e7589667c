using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>
/// The "first ten lines" surface: one sentence from a string, the checksum helper, the Ignored policy's
/// placeholders, DateOnly/TimeOnly/DateTime conversions and readable ToString.
/// </summary>
public class OneLineTests
{
    // From gpsd's quectel-l76k-nmea.log (BSD-2-Clause, tests/TestData/gpsd).
    private const string Rmc = "$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.00,286.35,050826,,,A,V*13";
    private const string Gga = "$GNGGA,055234.200,4739.71890,N,12219.58362,W,1,14,0.9,76.5,M,-21.6,M,,*4A";
    private const string Zda = "$GNZDA,055234.000,05,08,2026,00,00*46";
    private const string Gsa = "$GNGSA,A,3,02,07,14,15,17,20,22,30,,,,,1.5,0.9,1.2,1*3C";
    private const string Bdgsv = "$BDGSV,1,1,03,13,19,043,17,27,38,127,33,37,36,091,24,0*49";
    private const string Vtg = "$GNVTG,286.35,T,,M,0.00,N,0.00,K,A*29";
    private const string Gll = "$GNGLL,4739.71890,N,12219.58362,W,055234.200,A,A*5F";

    [Fact]
    public void TryParse_gives_the_typed_sentence_with_its_values()
    {
        Assert.True(NmeaTypedSentence.TryParse(Rmc + "\r\n", out NmeaTypedSentence? s));
        RmcSentence rmc = Assert.IsType<RmcSentence>(s);
        Assert.Equal(NmeaTalker.GN, rmc.Talker);
        Assert.Equal(47.661981666666667, rmc.LatitudeDegrees, 12);
        Assert.Equal(-122.32639366666667, rmc.LongitudeDegrees, 12);
        Assert.Equal(new NmeaDate(2026, 8, 5).ToString(), rmc.Date.ToString());
        Assert.Equal(((5 * 60) + 52) * 60_000 + 34_000, rmc.TimeUtc.MillisecondOfDay);
        Assert.True(rmc.IsValid);

        Assert.True(NmeaTypedSentence.TryParse(Gga, out s));
        Assert.Equal(14, Assert.IsType<GgaSentence>(s).SatellitesUsed);
    }

    [Fact]
    public void TryParse_of_two_sentences_gives_two_independent_objects()
    {
        Assert.True(NmeaTypedSentence.TryParse(Rmc, out NmeaTypedSentence? first));
        Assert.True(NmeaTypedSentence.TryParse(Rmc.Replace("4739.71890,N", "4739.71890,S", StringComparison.Ordinal).Replace("*13", "*XX", StringComparison.Ordinal),
            NmeaChecksumPolicy.Ignored, out NmeaTypedSentence? second, out NmeaRejectReason reason));
        Assert.Equal(NmeaRejectReason.None, reason);
        Assert.Equal(47.661981666666667, ((RmcSentence)first!).LatitudeDegrees, 12);
        Assert.Equal(-47.661981666666667, ((RmcSentence)second!).LatitudeDegrees, 12);
    }

    [Theory]
    [InlineData(null, NmeaRejectReason.Malformed)]
    [InlineData("", NmeaRejectReason.Malformed)]
    [InlineData("GNRMC,055234.000,A*13", NmeaRejectReason.Malformed)]                 // no start character
    [InlineData("$GNGGA,1\u00e9,2*00", NmeaRejectReason.Malformed)]                  // non-ASCII
    [InlineData("$GNGGA,1,2\t*00", NmeaRejectReason.Malformed)]                        // control character
    [InlineData("$GNGGA,1,$GNGGA,2*00", NmeaRejectReason.Malformed)]                   // two sentences
    [InlineData(Rmc + "X", NmeaRejectReason.InvalidField)]                              // "*13X" is no checksum: the last field reads "V*13X"
    [InlineData("$GNZDA,055234.000,05,08,2026,00,00*47", NmeaRejectReason.BadChecksum)]
    [InlineData("$GYOACC,1*00", NmeaRejectReason.BadChecksum)]
    [InlineData("$GNXYZ,1", NmeaRejectReason.UnknownType)]
    [InlineData("$GYOACC,1", NmeaRejectReason.UnknownTalker)]
    [InlineData("$GNRMC,055234.000,A", NmeaRejectReason.MissingFields)]
    [InlineData("$GNZDA,055234.000,05,13,2026,00,00", NmeaRejectReason.InvalidField)]
    public void TryParse_says_why_it_refused(string? text, NmeaRejectReason expected)
    {
        bool ok = NmeaTypedSentence.TryParse(text, NmeaChecksumPolicy.CheckedWhenPresent, out NmeaTypedSentence? s, out NmeaRejectReason reason);
        Assert.Equal(expected, reason);
        Assert.Equal(expected == NmeaRejectReason.None, ok);
        Assert.Equal(ok, s != null);
    }

    [Fact]
    public void Raw_TryParse_reads_fields_and_proprietary_sentences()
    {
        Assert.True(NmeaSentence.TryParse("$PCAS03,1,0,0,0,1,0,0,0,0,0,,,0,0*02", out NmeaSentence? s));
        Assert.Equal(NmeaSentenceType.Proprietary, s.Type);
        Assert.True(s.AddressIs("PCAS03"));
        Assert.Equal(14, s.FieldCount);
        Assert.True(s.TryGetInt32(5, out int v));
        Assert.Equal(1, v);
        Assert.True(s.IsEmpty(11));
        Assert.Equal("$PCAS03,1,0,0,0,1,0,0,0,0,0,,,0,0*02", s.ToString());

        Assert.True(NmeaTypedSentence.TryParse("$PCAS03,1,0,0,0,1,0,0,0,0,0,,,0,0*02", out NmeaTypedSentence? typed));
        Assert.Equal("PCAS03", Assert.IsType<ProprietarySentence>(typed).Address.ToString());
    }

    [Fact]
    public void Checksum_helper_computes_appends_and_verifies()
    {
        Assert.Equal(0x13, NmeaChecksum.Compute(Rmc));
        Assert.Equal(0x13, NmeaChecksum.Compute(Rmc[..^3]));
        Assert.Equal(0x13, NmeaChecksum.Compute(Rmc[1..^3]));
        Assert.Equal(0x13, NmeaChecksum.Compute(Rmc + "\r\n"));
        byte[] bytes = Encoding.ASCII.GetBytes(Rmc);
        Assert.Equal(0x13, NmeaChecksum.Compute(bytes, 1, bytes.Length - 4));
        Assert.Equal(0, NmeaChecksum.Compute(bytes, 1, bytes.Length));   // invalid range

        Assert.Equal(Rmc, NmeaChecksum.Append(Rmc[..^3]));
        Assert.Equal(Rmc, NmeaChecksum.Append(Rmc[..^2] + "XX\r\n"));
        Assert.Equal("$PCAS04,3*1A", NmeaChecksum.Append("$PCAS04,3"));
        Assert.Equal(string.Empty, NmeaChecksum.Append(null!));

        Assert.True(NmeaChecksum.Verify(Rmc));
        Assert.True(NmeaChecksum.Verify(Rmc + "\r\n"));
        Assert.True(NmeaChecksum.Verify(Gsa[..^2] + "3c"));                 // lower-case hex
        Assert.False(NmeaChecksum.Verify(Rmc[..^1] + "4"));
        Assert.False(NmeaChecksum.Verify(Rmc[..^3]));
        Assert.False(NmeaChecksum.Verify(Rmc[..^2] + "XX"));
        Assert.False(NmeaChecksum.Verify(null!));

        // The reader's rule: the checksum is a final *HH; a bare final '*' is filled in; any other '*' is data.
        Assert.Equal("$PCAS04,3*1A", NmeaChecksum.Append("$PCAS04,3*"));
        Assert.Equal(0x1A ^ '*' ^ ',', NmeaChecksum.Compute("$PCAS04,3*,"));
    }

    [Fact]
    public void Checksum_helper_agrees_with_the_writer_on_every_sentence_of_a_capture()
    {
        int checkedLines = 0;
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "gpsd", "quectel-l76k-nmea.log")))
        {
            if (line.StartsWith('$'))
            {
                Assert.True(NmeaChecksum.Verify(line), line);
                Assert.Equal(line, NmeaChecksum.Append(line));
                checkedLines++;
            }
        }

        Assert.Equal(2280, checkedLines);
    }

    [Fact]
    public void Ignored_policy_accepts_placeholder_checksums_in_the_reader()
    {
        string input = Rmc[..^2] + "XX\r\n" + Gga[..^2] + "xx\r\n" + Zda[..^2] + "00\r\n";
        byte[] bytes = Encoding.ASCII.GetBytes(input);

        var ignored = new NmeaParser(new NmeaReader { ChecksumPolicy = NmeaChecksumPolicy.Ignored });
        ignored.Feed(bytes, 0, bytes.Length);
        Assert.Equal(NmeaSentenceType.Rmc, ignored.Read());
        Assert.Equal(47.661981666666667, ignored.Rmc.LatitudeDegrees, 12);
        Assert.Equal(NmeaSentenceType.Gga, ignored.Read());
        Assert.Equal(NmeaSentenceType.Zda, ignored.Read());
        Assert.Equal(NmeaSentenceType.None, ignored.Read());
        Assert.Equal(3, ignored.Statistics.Accepted);
        Assert.Equal(0, ignored.Statistics.Rejected);

        // The default still refuses them: placeholders are not hex, a wrong value is a bad checksum.
        var strict = new NmeaParser();
        strict.Feed(bytes, 0, bytes.Length);
        Assert.Equal(NmeaSentenceType.None, strict.Read());
        Assert.Equal(2, strict.Statistics.GetRejected(NmeaRejectReason.Malformed));
        Assert.Equal(1, strict.Statistics.GetRejected(NmeaRejectReason.BadChecksum));
    }

    [Fact]
    public void Dates_and_times_convert_to_DateOnly_TimeOnly_and_utc_DateTime()
    {
        Assert.True(NmeaTypedSentence.TryParse(Rmc, out NmeaTypedSentence? s));
        var rmc = (RmcSentence)s!;
        Assert.Equal(new DateOnly(2026, 8, 5), rmc.Date.ToDateOnly());
        Assert.Equal(new TimeOnly(5, 52, 34), rmc.TimeUtc.ToTimeOnly());
        DateTime? utc = rmc.ToDateTimeUtc();
        Assert.Equal(new DateTime(2026, 8, 5, 5, 52, 34, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc!.Value.Kind);

        Assert.True(NmeaTypedSentence.TryParse(Zda, out s));
        Assert.Equal(new DateTime(2026, 8, 5, 5, 52, 34, DateTimeKind.Utc), ((ZdaSentence)s!).ToDateTimeUtc());

        Assert.Equal(new TimeOnly(12, 0, 1, 250), new NmeaTime(12, 0, 1, 250).ToTimeOnly());
        Assert.Equal(new TimeOnly(23, 59, 59, 999), new NmeaTime(23, 59, 60, 0).ToTimeOnly());   // leap second
        Assert.Null(default(NmeaTime).ToTimeOnly());
        Assert.Null(default(NmeaDate).ToDateOnly());
        Assert.Null(new NmeaDate(2026, 2, 29).ToDateOnly());                                   // not a calendar date
        Assert.Equal(new DateOnly(2024, 2, 29), new NmeaDate(2024, 2, 29).ToDateOnly());
        Assert.Null(default(NmeaDate).ToDateTimeUtc(new NmeaTime(1, 2, 3, 0)));
        Assert.Null(new NmeaDate(2026, 1, 1).ToDateTimeUtc(default));
    }

    [Fact]
    public void Typed_sentences_print_their_values()
    {
        Assert.Equal("GNRMC 2026-08-05 05:52:34.000 valid 47.6619817,-122.3263937 0.00 m/s course 286.35° mode A", Parse(Rmc));
        Assert.Equal("GNGGA 05:52:34.200 47.6619817,-122.3263937 quality 1 14 satellites HDOP 0.9 altitude 76.5 m MSL", Parse(Gga));
        Assert.Equal("GNZDA 2026-08-05 05:52:34.000 UTC local zone +00:00", Parse(Zda));
        Assert.Equal("GNGSA Gps fix 3D 8 satellites PDOP 1.5 HDOP 0.9 VDOP 1.2", Parse(Gsa));
        Assert.Equal("BDGSV Beidou 1/1 3 in view: 13 17 dB-Hz, 27 33 dB-Hz, 37 24 dB-Hz", Parse(Bdgsv));
        Assert.Equal("GNVTG course 286.35° true 0.00 m/s mode A", Parse(Vtg));
        Assert.Equal("GNGLL 05:52:34.200 valid 47.6619817,-122.3263937 mode A", Parse(Gll));
        Assert.Equal("GNRMC time - status - position - - m/s course -° mode -".Replace("GNRMC", "GNRMC date -", StringComparison.Ordinal), Parse("$GNRMC,,,,,,,,,,,,"));

        // Types without a .NET override print themselves as NMEA (also what nanoFramework prints for all).
        Assert.Equal("$GPTXT,01,01,02,ANTSTATUS=OPEN*2B", Parse("$GPTXT,01,01,02,ANTSTATUS=OPEN*2B"));
    }

    private static string Parse(string text)
    {
        Assert.True(NmeaTypedSentence.TryParse(text, out NmeaTypedSentence? s), text);
        return s.ToString();
    }
}
