using EdgeSdk.Cli.Demo;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using Spectre.Console.Testing;

namespace EdgeSdk.Cli.Tests;

/// <summary>The live dashboard fits the terminal it is drawn on: 80×24 keeps the essentials, 110×32 shows everything.</summary>
public class DemoDashboardTests
{
    private static DemoSnapshot Snapshot()
    {
        var satellites = new List<SatelliteInfo>();
        (GnssSystem System, int Count)[] skies = [(GnssSystem.Beidou, 16), (GnssSystem.Gps, 9), (GnssSystem.Glonass, 8)];
        foreach ((GnssSystem system, int count) in skies)
        {
            for (int i = 0; i < count; i++)
            {
                satellites.Add(new SatelliteInfo { System = system, Number = 10 + i, SnrDbHz = 30 + i, Used = i < 6 });
            }
        }

        return new DemoSnapshot
        {
            Title = "chongqing-logistics from 900 m before Tunnel, west portal",
            SerialPath = "/dev/pts/1",
            BrokerUri = "mqtt://127.0.0.1:46531",
            Elapsed = TimeSpan.FromSeconds(300),
            Duration = TimeSpan.FromSeconds(300),
            Fix = new GnssFix
            {
                TimeUtc = new DateTime(2026, 11, 26, 1, 34, 59, DateTimeKind.Utc),
                Mode = FixMode.ThreeD,
                Quality = FixQuality.Autonomous,
                LatitudeDegrees = 29.530845,
                LongitudeDegrees = 106.636365,
                AltitudeMslMeters = 387.1,
                SpeedMetersPerSecond = 50 / 3.6,
                CourseDegrees = 137,
                Satellites = satellites,
                SatellitesUsed = 18,
            },
            FixesComputed = 300,
            DistanceMeters = 3904,
            BrokerUp = true,
            Published = 300,
            Acknowledged = 299,
            Queued = 1,
            Received = 298,
            Duplicates = 2,
            Events = Enumerable.Range(0, 14).Select(i => $"[00:{i:00}] event number {i} with a long text that goes on and on past the width of any column").ToList(),
        };
    }

    private static string[] Render(int width, int height)
    {
        var console = new TestConsole().Width(width).Height(height);
        console.Write(DemoDashboard.Render(Snapshot(), width, height));
        return console.Lines.ToArray();
    }

    [Fact]
    public void At_80_by_24_the_essentials_are_on_screen_and_nothing_is_cut_or_wrapped()
    {
        string[] lines = Render(80, 24);

        Assert.True(lines.Length is >= 20 and <= 23, $"{lines.Length} lines:\n{string.Join('\n', lines)}"); // a line left for the cursor
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length} columns: {line}"));
        string screen = string.Join('\n', lines);
        Assert.Contains("05:00 / 05:00", screen);
        Assert.Contains(lines, l => l.Contains("Fix", StringComparison.Ordinal) && l.Contains("3D (Autonomous)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Time (UTC)", StringComparison.Ordinal) && l.Contains("01:34:59", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Latitude", StringComparison.Ordinal) && l.Contains("29.530845°", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Longitude", StringComparison.Ordinal) && l.Contains("106.636365°", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Speed", StringComparison.Ordinal) && l.Contains("50.0 km/h", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Broker", StringComparison.Ordinal) && l.Contains("up port 46531", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Acknowledged", StringComparison.Ordinal) && l.Contains("299", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Queued", StringComparison.Ordinal) && l.Contains(" 1 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Received", StringComparison.Ordinal) && l.Contains("298 (2 dups)", StringComparison.Ordinal));
        Assert.Contains("BDS 6/16  GPS 6/9  GLONASS 6/8  Galileo 0/0", screen);

        // The latest events, each on one line, cut: 23 rows leave room for ten (4 to 13).
        Assert.Contains(lines, l => l.Contains("[00:13] event number 13 with a long text that goes on and on past the w… │", StringComparison.Ordinal));
        Assert.Contains("[00:13] event number 13", screen);
        Assert.Contains("[00:04] event number 4", screen);
        Assert.DoesNotContain("[00:03] event number 3", screen);
    }

    [Fact]
    public void A_shorter_terminal_shows_fewer_events_but_keeps_the_position()
    {
        string[] lines = Render(80, 20);
        Assert.True(lines.Length is >= 16 and <= 19, $"{lines.Length} lines:\n{string.Join('\n', lines)}");
        string screen = string.Join('\n', lines);
        Assert.Contains("106.636365°", screen);
        Assert.Contains("[00:13] event number 13", screen);
        Assert.DoesNotContain("[00:07] event number 7", screen);
    }

    [Fact]
    public void A_large_terminal_gets_the_full_layout_with_the_sky_chart()
    {
        string[] lines = Render(110, 40);
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 110, $"{line.TrimEnd().Length} columns: {line}"));
        string screen = string.Join('\n', lines);
        Assert.Contains("/dev/pts/1", screen); // detail the compact layout drops
        Assert.Contains("PDOP/HDOP/VDOP", screen);
        Assert.Contains("BDS 25 ", screen); // the bar chart: the strongest BeiDou satellite (not used)...
        Assert.Contains("GPS 15*", screen); // ...and a used GPS one
        Assert.Contains("29.530845°", screen);
        Assert.Contains("106.636365°", screen);
    }
}
