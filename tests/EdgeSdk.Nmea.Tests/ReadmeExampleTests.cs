using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>The examples of src/EdgeSdk.Nmea/README.md, run, so the documentation stays true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void Quick_start_decodes_the_quectel_capture()
    {
        var parser = new NmeaParser();
        byte[] bytes = Captures.Bytes("quectel-l76k-nmea.log");
        parser.Reader.SkipCommentLines = true;
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();

        int validRmc = 0;
        var beidou = new HashSet<int>();
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            switch (type)
            {
                case NmeaSentenceType.Rmc:
                    if (parser.Rmc.IsValid)
                    {
                        validRmc++;
                    }

                    break;
                case NmeaSentenceType.Gsv:
                    for (int i = 0; i < parser.Gsv.SatelliteCount; i++)
                    {
                        SatelliteId id = parser.Gsv.GetSatellite(i).Id;
                        if (id.System == GnssSystem.Beidou)
                        {
                            beidou.Add(id.GpsdPrn);
                        }
                    }

                    break;
            }
        }

        Assert.Equal(150, validRmc);
        Assert.Equal(new[] { 413, 427, 437 }, beidou.Order().ToArray());
        Assert.Equal(2280, parser.Statistics.Accepted);
        Assert.Equal(NmeaRejectReason.None, parser.LastRejectReason);
    }

    [Fact]
    public void Encoding_example_writes_what_the_readme_shows()
    {
        var writer = new NmeaWriter { TimeDecimals = 3, MinuteDecimals = 5 };
        var rmc = new RmcSentence
        {
            Talker = NmeaTalker.GN, TimeUtc = new NmeaTime(5, 52, 34, 0), Status = 'A',
            LatitudeDegrees = 47.661981667, LongitudeDegrees = -122.326393667,
            SpeedKnots = 0, CourseDegrees = 286.35, Date = new NmeaDate(2026, 8, 5), Mode = 'A', NavigationalStatus = 'V',
        };
        int length = rmc.Encode(writer);
        Assert.Equal("$GNRMC,055234.000,A,4739.71890,N,12219.58362,W,0.000,286.35,050826,,,A,V*23\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, length));

        int n = CasicCommands.SetConstellations(writer, gps: true, beidou: true, glonass: false);
        Assert.Equal("$PCAS04,3*1A\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, n));
    }
}
