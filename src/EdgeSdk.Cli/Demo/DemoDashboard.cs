using System.Globalization;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeSdk.Cli.Demo;

/// <summary>Renders a <see cref="DemoSnapshot"/>: a live Spectre.Console dashboard, or one plain line when piped.</summary>
internal static class DemoDashboard
{
    private static readonly (GnssSystem System, string Name, Color Color)[] Constellations =
    {
        (GnssSystem.Beidou, "BDS", Color.Red),
        (GnssSystem.Gps, "GPS", Color.Blue),
        (GnssSystem.Glonass, "GLONASS", Color.Green),
        (GnssSystem.Galileo, "Galileo", Color.Yellow),
    };

    /// <summary>The full layout (position, telemetry, sky chart, events) needs this many columns and rows.</summary>
    public const int FullWidth = 110, FullHeight = 32;

    /// <summary>
    /// The dashboard for a terminal of <paramref name="width"/> × <paramref name="height"/>: the full layout when it
    /// fits, otherwise the compact one, which fits 80×24 by dropping detail (the sky chart, altitude, DOPs, the
    /// serial port, bytes per fix, older events) and never the essentials (fix, time, position, speed, the
    /// telemetry counters, satellites used, the latest events).
    /// </summary>
    public static IRenderable Render(DemoSnapshot s, int width, int height) =>
        width >= FullWidth && height >= FullHeight ? RenderFull(s) : RenderCompact(s, width, height);

    private static Panel RenderFull(DemoSnapshot s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(Position(s), Telemetry(s));
        grid.AddRow(Sky(s.Fix), Events(s, 10, int.MaxValue));
        return new Panel(grid)
            .Header($"[bold]EdgeSdk demo[/] — {Markup.Escape(s.Title)}  {Format(s.Elapsed)} / {Format(s.Duration)}")
            .Border(BoxBorder.Rounded);
    }

    // Rows: outer border 2, position/telemetry 8, satellites 1, events border 2; the rest of the height
    // (less one line for the cursor) shows the latest events, at least 2 and at most 10.
    private const int CompactFixedRows = 13, CompactMinEvents = 2, CompactMaxEvents = 10;

    private static Panel RenderCompact(DemoSnapshot s, int width, int height)
    {
        GnssFix? f = s.Fix;
        var position = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        position.AddRow("Fix", ModeText(f) + (f is null ? string.Empty : $" ({f.Quality})"));
        position.AddRow("Time (UTC)", f?.TimeUtc?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "—");
        position.AddRow("Latitude", Number(f?.LatitudeDegrees, "0.000000°"));
        position.AddRow("Longitude", Number(f?.LongitudeDegrees, "0.000000°"));
        position.AddRow("Speed", $"{Number(f?.SpeedMetersPerSecond * 3.6, "0.0 km/h")}  {Number(f?.CourseDegrees, "0°")}");
        position.AddRow("Fixes/dist", string.Create(CultureInfo.InvariantCulture, $"{s.FixesComputed} / {s.DistanceMeters / 1000:0.00} km"));

        var telemetry = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        string port = s.BrokerUri[(s.BrokerUri.LastIndexOf(':') + 1)..];
        telemetry.AddRow("Broker", (s.BrokerUp ? "[green]up[/]" : "[red]DOWN[/]") + $" port {Markup.Escape(port)}");
        telemetry.AddRow("Published", s.Published.ToString(CultureInfo.InvariantCulture));
        telemetry.AddRow("Acknowledged", s.Acknowledged.ToString(CultureInfo.InvariantCulture));
        telemetry.AddRow("Queued", s.Queued.ToString(CultureInfo.InvariantCulture));
        telemetry.AddRow("Dropped", s.Dropped == 0 ? "0" : $"[red]{s.Dropped}[/]");
        telemetry.AddRow("Received", $"{s.Received} ({s.Duplicates} dups)");

        var top = new Grid().AddColumn().AddColumn();
        top.AddRow(new Panel(position).Header("Position").Expand(), new Panel(telemetry).Header("Telemetry (MQTT)").Expand());
        int events = Math.Clamp(height - 1 - CompactFixedRows, CompactMinEvents, CompactMaxEvents);
        // Inner widths: the outer panel takes 4 columns, the events panel 4 more.
        var rows = new Rows(top, new Markup(Markup.Escape(Cut("Satellites used/in view: " + SatelliteSummary(f), width - 4))), Events(s, events, width - 8));

        // The title gives way first: the clock after it is the part that changes.
        string clock = $"  {Format(s.Elapsed)} / {Format(s.Duration)}";
        int room = Math.Max(0, width - 6 - "EdgeSdk demo — ".Length - clock.Length);
        string title = s.Title.Length <= room ? s.Title : s.Title[..Math.Max(0, room - 1)] + "…";
        return new Panel(rows).Header($"[bold]EdgeSdk demo[/] — {Markup.Escape(title)}{clock}").Border(BoxBorder.Rounded);
    }

    /// <summary>One line per update for a terminal-less run (CI, pipes): everything a test or a log needs.</summary>
    public static string PlainLine(DemoSnapshot s)
    {
        GnssFix? f = s.Fix;
        string position = f is { HasPosition: true }
            ? string.Create(CultureInfo.InvariantCulture, $"{f.LatitudeDegrees:0.000000},{f.LongitudeDegrees:0.000000} {(f.SpeedMetersPerSecond ?? 0) * 3.6:0} km/h")
            : "—";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{Format(s.Elapsed)}] {ModeText(f)} {position} sats {f?.SatellitesUsed ?? 0} | broker {(s.BrokerUp ? "up" : "DOWN")} published {s.Published} acked {s.Acknowledged} queued {s.Queued} dropped {s.Dropped} received {s.Received}");
    }

    private static Panel Position(DemoSnapshot s)
    {
        GnssFix? f = s.Fix;
        var t = new Grid().AddColumn().AddColumn();
        t.AddRow("Fix", ModeText(f) + (f is null ? string.Empty : $" ({f.Quality})"));
        t.AddRow("Time (UTC)", f?.TimeUtc?.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "—");
        t.AddRow("Latitude", Number(f?.LatitudeDegrees, "0.000000°"));
        t.AddRow("Longitude", Number(f?.LongitudeDegrees, "0.000000°"));
        t.AddRow("Altitude MSL", Number(f?.AltitudeMslMeters, "0.0 m"));
        t.AddRow("Speed", Number(f?.SpeedMetersPerSecond * 3.6, "0.0 km/h"));
        t.AddRow("Heading", Number(f?.CourseDegrees, "0°"));
        t.AddRow("PDOP/HDOP/VDOP", $"{Number(f?.Pdop, "0.0")} / {Number(f?.Hdop, "0.0")} / {Number(f?.Vdop, "0.0")}");
        t.AddRow("Fixes / distance", string.Create(CultureInfo.InvariantCulture, $"{s.FixesComputed} / {s.DistanceMeters / 1000:0.00} km"));
        return new Panel(t).Header("Position");
    }

    private static Panel Telemetry(DemoSnapshot s)
    {
        var t = new Grid().AddColumn().AddColumn();
        t.AddRow("Serial port", Markup.Escape(s.SerialPath));
        t.AddRow("Broker", (s.BrokerUp ? "[green]up[/] " : "[red]down[/] ") + Markup.Escape(s.BrokerUri));
        t.AddRow("Published", s.Published.ToString(CultureInfo.InvariantCulture));
        t.AddRow("Acknowledged", s.Acknowledged.ToString(CultureInfo.InvariantCulture));
        t.AddRow("Queued", s.Queued.ToString(CultureInfo.InvariantCulture));
        t.AddRow("Dropped", s.Dropped == 0 ? "0" : $"[red]{s.Dropped}[/]");
        t.AddRow("Bytes/fix", s.BytesPerFix.ToString("0.0", CultureInfo.InvariantCulture));
        t.AddRow("Received (dups)", $"{s.Received} ({s.Duplicates})");
        return new Panel(t).Header("Telemetry (MQTT)");
    }

    private static Panel Sky(GnssFix? fix)
    {
        var chart = new BarChart().Width(48).WithMaxValue(50);
        IReadOnlyList<SatelliteInfo> satellites = fix?.Satellites ?? Array.Empty<SatelliteInfo>();
        foreach ((GnssSystem system, string name, Color color) in Constellations)
        {
            var inView = satellites.Where(x => x.System == system && x.SnrDbHz.HasValue).OrderByDescending(x => x.SnrDbHz).Take(4).ToList();
            if (inView.Count == 0)
            {
                chart.AddItem($"{name} (none)", 0, color);
            }

            foreach (SatelliteInfo sat in inView)
            {
                chart.AddItem($"{name} {sat.Number,2}{(sat.Used ? "*" : " ")}", Math.Round(sat.SnrDbHz!.Value), color);
            }
        }

        return new Panel(new Rows(new Markup(Markup.Escape(SatelliteSummary(fix))), chart)).Header("Satellites used/in view, C/N0 dB-Hz (* used)");
    }

    /// <summary><c>BDS 12/16  GPS 6/9  GLONASS 6/8  Galileo 0/0</c>: satellites used / in view per constellation.</summary>
    private static string SatelliteSummary(GnssFix? fix)
    {
        IReadOnlyList<SatelliteInfo> satellites = fix?.Satellites ?? Array.Empty<SatelliteInfo>();
        return string.Join("  ", Constellations.Select(c =>
            $"{c.Name} {fix?.SatellitesUsedBy(c.System) ?? 0}/{satellites.Count(x => x.System == c.System)}"));
    }

    // The latest events; in the compact layout one line each (a long one is cut rather than wrapped, so the height holds).
    private static Panel Events(DemoSnapshot s, int count, int columns)
    {
        IEnumerable<string> lines = s.Events.TakeLast(count).DefaultIfEmpty("—").Select(line => Markup.Escape(Cut(line, columns)));
        return new Panel(new Markup(string.Join('\n', lines))).Header("Events").Expand();
    }

    private static string Cut(string text, int columns) =>
        text.Length <= columns ? text : text[..Math.Max(0, columns - 1)] + "…";

    private static string ModeText(GnssFix? f) => f?.Mode switch
    {
        FixMode.ThreeD => "3D",
        FixMode.TwoD => "2D",
        FixMode.NoFix => "no fix",
        _ => "waiting",
    };

    private static string Number(double? value, string format) =>
        value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Format(TimeSpan t) => t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
