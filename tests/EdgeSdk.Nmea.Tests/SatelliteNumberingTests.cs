namespace EdgeSdk.Nmea.Tests;

public class SatelliteNumberingTests
{
    [Theory]
    // talker, system ID, printed number → system, svid, gpsd PRN, gpsd gnssid
    [InlineData(NmeaTalker.GP, 0, 7, GnssSystem.Gps, 7, 7, 0)]
    [InlineData(NmeaTalker.GP, 0, 46, GnssSystem.Sbas, 133, 46, 1)]
    [InlineData(NmeaTalker.GN, 0, 131, GnssSystem.Sbas, 131, 44, 1)]
    [InlineData(NmeaTalker.GN, 0, 158, GnssSystem.Sbas, 158, 158, 1)]
    [InlineData(NmeaTalker.GL, 0, 65, GnssSystem.Glonass, 1, 65, 6)]
    [InlineData(NmeaTalker.GL, 0, 24, GnssSystem.Glonass, 24, 88, 6)]
    [InlineData(NmeaTalker.GN, 2, 96, GnssSystem.Glonass, 32, 96, 6)]
    [InlineData(NmeaTalker.GA, 0, 36, GnssSystem.Galileo, 36, 336, 2)]
    [InlineData(NmeaTalker.GN, 0, 301, GnssSystem.Galileo, 1, 301, 2)]
    [InlineData(NmeaTalker.BD, 0, 63, GnssSystem.Beidou, 63, 463, 3)]
    [InlineData(NmeaTalker.GB, 0, 1, GnssSystem.Beidou, 1, 401, 3)]
    [InlineData(NmeaTalker.GN, 4, 19, GnssSystem.Beidou, 19, 419, 3)]
    [InlineData(NmeaTalker.GN, 0, 201, GnssSystem.Beidou, 1, 401, 3)]
    [InlineData(NmeaTalker.GP, 0, 263, GnssSystem.Beidou, 63, 463, 3)]
    [InlineData(NmeaTalker.GN, 0, 463, GnssSystem.Beidou, 63, 463, 3)]
    [InlineData(NmeaTalker.GN, 0, 193, GnssSystem.Qzss, 1, 193, 5)]
    [InlineData(NmeaTalker.GQ, 0, 202, GnssSystem.Qzss, 10, 202, 5)]
    [InlineData(NmeaTalker.GN, 5, 201, GnssSystem.Qzss, 9, 201, 5)]
    [InlineData(NmeaTalker.GQ, 0, 3, GnssSystem.Qzss, 3, 195, 5)]
    [InlineData(NmeaTalker.GI, 0, 5, GnssSystem.Navic, 5, 0, 7)]
    public void Numbers_every_receiver_uses_map_to_system_svid_and_gpsd_numbering(NmeaTalker talker, int systemId, int number, GnssSystem system, int svid, int prn, int gnssid)
    {
        SatelliteId id = SatelliteNumbering.Resolve(talker, systemId, number);
        Assert.Equal((system, svid), (id.System, id.Number));
        Assert.Equal((prn, gnssid, svid), (id.GpsdPrn, id.GpsdGnssId, id.GpsdSvid));
    }

    [Theory]
    [InlineData(NmeaTalker.GN, 0, 0)]
    [InlineData(NmeaTalker.GN, 0, 99)]
    [InlineData(NmeaTalker.GN, 0, 600)]
    [InlineData(NmeaTalker.GN, 0, -4)]
    [InlineData(NmeaTalker.GA, 0, 99)]
    public void Numbers_outside_every_range_are_unknown(NmeaTalker talker, int systemId, int number)
    {
        SatelliteId id = SatelliteNumbering.Resolve(talker, systemId, number);
        Assert.False(id.IsKnown);
        Assert.Equal((0, -1), (id.GpsdPrn, id.GpsdGnssId));
    }

    [Fact]
    public void Printed_numbers_round_trip_through_the_talker_of_their_system()
    {
        foreach (var (system, first, last) in new[] { (GnssSystem.Gps, 1, 32), (GnssSystem.Sbas, 120, 158), (GnssSystem.Glonass, 1, 32), (GnssSystem.Galileo, 1, 36), (GnssSystem.Beidou, 1, 63), (GnssSystem.Qzss, 1, 10), (GnssSystem.Navic, 1, 14) })
        {
            for (int svid = first; svid <= last; svid++)
            {
                var id = new SatelliteId(system, svid);
                int printed = SatelliteNumbering.ToNmeaNumber(id);
                Assert.Equal(id, SatelliteNumbering.Resolve(NmeaTalkers.ForSystem(system), 0, printed));
            }
        }
    }

    [Theory]
    [InlineData("GP", NmeaTalker.GP, GnssSystem.Gps)]
    [InlineData("GL", NmeaTalker.GL, GnssSystem.Glonass)]
    [InlineData("GA", NmeaTalker.GA, GnssSystem.Galileo)]
    [InlineData("BD", NmeaTalker.BD, GnssSystem.Beidou)]
    [InlineData("GB", NmeaTalker.GB, GnssSystem.Beidou)]
    [InlineData("GQ", NmeaTalker.GQ, GnssSystem.Qzss)]
    [InlineData("GI", NmeaTalker.GI, GnssSystem.Navic)]
    [InlineData("GN", NmeaTalker.GN, GnssSystem.Unknown)]
    [InlineData("PS", NmeaTalker.Proprietary, GnssSystem.Unknown)]
    [InlineData("GY", NmeaTalker.Unknown, GnssSystem.Unknown)]
    public void Talkers(string letters, NmeaTalker talker, GnssSystem system)
    {
        Assert.Equal(talker, NmeaTalkers.FromBytes((byte)letters[0], (byte)letters[1]));
        Assert.Equal(system, NmeaTalkers.SystemOf(talker));
        if (talker is not NmeaTalker.Unknown and not NmeaTalker.Proprietary)
        {
            Assert.Equal(letters, NmeaTalkers.ToText(talker));
        }
    }
}
