using System.Globalization;
using EdgeSdk.Gnss;

namespace EdgeSdk.Devices;

/// <summary>
/// The status screen's layout: eight text rows of 21 characters on a 128×64 display. Formatting and
/// drawing are separate so that a test (or a console) can read the exact lines a display shows.
/// </summary>
/// <remarks>
/// Rows: 0 title (inverted), 1 fix mode and satellites used/in view, 2 latitude, 3 longitude,
/// 4 speed in km/h, 5 UTC time, 6 queue depth (and drops), 7 uplink state.
/// </remarks>
public static class StatusScreen
{
    private const string Unknown = "---";

    /// <summary>The eight lines the screen shows for <paramref name="status"/>, each at most 21 characters, upper case.</summary>
    public static string[] FormatLines(TrackerStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        CultureInfo inv = CultureInfo.InvariantCulture;
        string[] lines =
        [
            status.Title,
            string.Create(inv, $"FIX {ModeLabel(status.Mode),-4} SAT {Clamp(status.SatellitesUsed):D2}/{Clamp(status.SatellitesInView):D2}"),
            status.LatitudeDegrees is double lat
                ? string.Create(inv, $"LAT {Math.Abs(lat),11:F6} {(lat < 0 ? 'S' : 'N')}")
                : "LAT " + Unknown,
            status.LongitudeDegrees is double lon
                ? string.Create(inv, $"LON {Math.Abs(lon),11:F6} {(lon < 0 ? 'W' : 'E')}")
                : "LON " + Unknown,
            status.SpeedMetersPerSecond is double speed && double.IsFinite(speed)
                ? string.Create(inv, $"SPD {speed * 3.6,6:F1} KM/H")
                : "SPD " + Unknown,
            status.TimeUtc is DateTime time ? string.Create(inv, $"UTC {time:HH:mm:ss}") : "UTC " + Unknown,
            status.QueueDepth is long depth
                ? status.QueueDropped > 0
                    ? string.Create(inv, $"QUEUE {depth} DROP {status.QueueDropped}")
                    : string.Create(inv, $"QUEUE {depth}")
                : string.Empty,
            "LINK " + LinkLabel(status.Broker),
        ];
        for (int i = 0; i < lines.Length; i++)
        {
            string upper = lines[i].ToUpperInvariant();
            lines[i] = upper.Length > MonochromeFrame.TextColumns ? upper[..MonochromeFrame.TextColumns] : upper;
        }

        return lines;
    }

    /// <summary>Draws <paramref name="status"/> into <paramref name="frame"/> (cleared first).</summary>
    public static void Render(TrackerStatus status, MonochromeFrame frame)
    {
        RenderLines(FormatLines(status), frame);
    }

    /// <summary>
    /// Draws up to eight <paramref name="lines"/> into <paramref name="frame"/> (cleared first), row 0 inverted edge to
    /// edge as a title; longer lines are clipped at 21 characters. Every screen of this family draws through it.
    /// </summary>
    public static void RenderLines(IReadOnlyList<string> lines, MonochromeFrame frame)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(frame);
        frame.Clear();
        for (int row = 0; row < lines.Count && row < MonochromeFrame.TextRows; row++)
        {
            // The title row is inverted edge to edge, so pad it to the full width.
            bool title = row == 0;
            frame.DrawText(row, 0, title ? lines[row].PadRight(MonochromeFrame.TextColumns) : lines[row], inverted: title);
        }
    }

    /// <summary>The short label of a fix mode: 3D, 2D, NONE, or --- before the receiver has spoken.</summary>
    public static string ModeLabel(FixMode mode) => mode switch
    {
        FixMode.ThreeD => "3D",
        FixMode.TwoD => "2D",
        FixMode.NoFix => "NONE",
        _ => Unknown,
    };

    /// <summary>The label of an uplink state.</summary>
    public static string LinkLabel(BrokerLinkState state) => state switch
    {
        BrokerLinkState.Connected => "UP",
        BrokerLinkState.Connecting => "CONNECTING",
        BrokerLinkState.Disconnected => "DOWN",
        BrokerLinkState.None => "NONE",
        _ => Unknown,
    };

    // Two digits fit the layout; a receiver that claims more than 99 satellites is shown as 99.
    private static int Clamp(int count) => Math.Clamp(count, 0, 99);
}
