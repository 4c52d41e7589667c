namespace EdgeSdk.TestSupport;

/// <summary>The gpsd project's receiver captures in tests/TestData/gpsd (BSD-2-Clause, see COPYING there).</summary>
public static class GpsdCaptures
{
    public static readonly string[] Names =
    [
        "beidou-bd.log", "beidou-gb.log", "nmea-fuzzy-cases.log", "quectel-l76k-nmea.log",
        "skytraq-dgps.log", "tcp-torture.log", "ublox-neo-m9n-nmea.log", "unicore-um621.log",
    ];

    /// <summary>Where the build copied a capture (tests/Directory.Build.props, UsesGpsdCaptures).</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gpsd", name);
}
