using EdgeSdk.Jt808;
using EdgeSdk.Nmea;
using EdgeSdk.Tracker;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The firmware's fixes as JT/T 808 0x0200 reports through the portable codec.</summary>
public class Jt808Tests
{
    [Fact]
    public void A_fix_makes_the_published_0x0200_vector_byte_for_byte()
    {
        // Vector V1 of the SmallChi/JT808 README (also in src/EdgeSdk.Jt808/README.md): 12.222222 N, 132.444444 E,
        // 40 m, 6 km/h, heading 0, 2018-10-15 10:10:10 GMT+8, alarm bit 0, mileage 10 km, fuel 12.5 L.
        var fix = new TrackerFix
        {
            HasTime = true,
            TimeUnixMilliseconds = new DateTimeOffset(2018, 10, 15, 2, 10, 10, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            LatitudeDegrees = 12.222222, LongitudeDegrees = 132.444444, AltitudeMslMeters = 40,
            SpeedMetersPerSecond = 6 / 3.6, CourseDegrees = 0, Mode = 3, Quality = 1,
        };
        var report = new Jt808LocationReport { AlarmFlags = 1 };
        Jt808Locations.Fill(fix, report);
        report.AddMileageKilometers(10);
        report.AddFuelLiters(12.5);
        var message = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.LocationReport, "123456789012", 126, version2019: false), Body = report };
        Assert.True(new Jt808Codec().TryEncode(message, out byte[]? frame));
        Assert.Equal("7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E", Convert.ToHexString(frame!));
    }

    [Fact]
    public async Task Every_fix_of_a_drive_survives_the_codec_round_trip()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(120);
        var parser = new NmeaParser();
        parser.Feed(drive, 0, drive.Length);
        parser.Complete();
        var fuser = new EpochFuser();
        var codec = new Jt808Codec();
        var report = new Jt808LocationReport();
        int reports = 0, positioned = 0;
        NmeaSentenceType type;
        while ((type = parser.Read()) != NmeaSentenceType.None)
        {
            if (!fuser.Add(parser, type))
            {
                continue;
            }

            TrackerFix fix = fuser.Fix;
            Jt808Locations.Fill(fix, report);
            var message = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.LocationReport, "13912345678", reports, version2019: true), Body = report };
            Assert.True(codec.TryEncode(message, out byte[]? frame));
            Assert.Equal(Jt808DecodeResult.Ok, codec.TryDecode(frame!, 0, frame!.Length, out Jt808Message? decoded));
            var got = Assert.IsType<Jt808LocationReport>(decoded!.Body);
            bool hasPosition = !double.IsNaN(fix.LatitudeDegrees) && fix.Mode >= 2;
            Assert.Equal(hasPosition, got.IsFixed);
            if (hasPosition)
            {
                Assert.Equal((uint)((Math.Abs(fix.LatitudeDegrees) * 1e6) + 0.5), got.LatitudeMicrodegrees); // 1e-6°, half up
                Assert.Equal((uint)((Math.Abs(fix.LongitudeDegrees) * 1e6) + 0.5), got.LongitudeMicrodegrees);
                Assert.Equal(fix.LatitudeDegrees < 0, got.LatitudeDegrees < 0);
                Assert.Equal((int)((fix.SpeedMetersPerSecond * 3.6 * 10) + 0.5), got.SpeedTenthsKilometersPerHour); // 0.1 km/h, half up
                Assert.NotEqual(0u, got.StatusFlags & (Jt808Locations.StatusBeidou | Jt808Locations.StatusGps));
                positioned++;
            }

            Assert.True(got.TryGetTimeUtc(out DateTime utc));
            Assert.Equal(fix.TimeUnixMilliseconds / 1000, new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds());
            reports++;
        }

        Assert.Equal(119, reports); // the last epoch stays open until an idle gap or Flush
        Assert.InRange(positioned, 100, 119);
    }
}
