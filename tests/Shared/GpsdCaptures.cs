namespace EdgeSdk.TestSupport;

/// <summary>The gpsd project's receiver captures in tests/TestData/gpsd (BSD-2-Clause, see COPYING there).</summary>
public static class GpsdCaptures
{
    /// <summary>The eight captures the transport, robustness and server tests replay (a quick, varied subset).</summary>
    public static readonly string[] Names =
    [
        "beidou-bd.log", "beidou-gb.log", "nmea-fuzzy-cases.log", "quectel-l76k-nmea.log",
        "skytraq-dgps.log", "tcp-torture.log", "ublox-neo-m9n-nmea.log", "unicore-um621.log",
    ];

    /// <summary>
    /// Every capture in the folder that has gpsd's expected output beside it (<c>name.chk</c>), sorted by
    /// name: a capture dropped into tests/TestData/gpsd with its .chk is picked up without code changes.
    /// </summary>
    public static string[] All()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "gpsd");
        return Directory.GetFiles(folder, "*.chk")
            .Select(chk => Path.GetFileName(chk)[..^4])
            .Where(name => File.Exists(Path.Combine(folder, name)))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Where the build copied a capture (tests/Directory.Build.props, UsesGpsdCaptures).</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "gpsd", name);
}
