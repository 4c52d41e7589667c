using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss.Tests;

public class GnssFixTests
{
    [Fact]
    public void A_satellite_used_on_two_signals_counts_once_per_constellation()
    {
        // u-blox M9 style: GPS 5 on L1 C/A (signal 1) and L5 (signal 7), BDS 19 on B1I only, GPS 9 tracked but unused.
        var fix = new GnssFix
        {
            Satellites =
            [
                new SatelliteInfo { System = GnssSystem.Gps, Number = 5, SignalId = 1, Used = true },
                new SatelliteInfo { System = GnssSystem.Beidou, Number = 19, SignalId = 1, Used = true },
                new SatelliteInfo { System = GnssSystem.Gps, Number = 5, SignalId = 7, Used = true },
                new SatelliteInfo { System = GnssSystem.Gps, Number = 9, SignalId = 1, Used = false },
            ],
        };

        Assert.Equal(1, fix.SatellitesUsedBy(GnssSystem.Gps));
        Assert.Equal(1, fix.SatellitesUsedBy(GnssSystem.Beidou));
        Assert.Equal(0, fix.SatellitesUsedBy(GnssSystem.Galileo));
    }

    [Fact]
    public void Entries_without_a_satellite_id_count_each()
    {
        // What a decoded telemetry batch holds: only the constellation of each used satellite.
        var fix = new GnssFix
        {
            Satellites = Enumerable.Repeat(new SatelliteInfo { System = GnssSystem.Beidou, Used = true }, 3).ToArray(),
        };

        Assert.Equal(3, fix.SatellitesUsedBy(GnssSystem.Beidou));
    }
}
