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

    public static IRenderable Render(DemoSnapshot s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(Position(s), Telemetry(s));
        grid.AddRow(Sky(s.Fix), Events(s));
        return new Panel(grid)
            .Header($"[bold]EdgeSdk demo[/] — {Markup.Escape(s.Title)}  {Format(s.Elapsed)} / {Format(s.Duration)}")
            .Border(BoxBorder.Rounded);
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
                chart.AddItem($"{name} {sat.SatelliteId,2}{(sat.Used ? "*" : " ")}", Math.Round(sat.SnrDbHz!.Value), color);
            }
        }

        string summary = string.Join("  ", Constellations.Select(c =>
            $"{c.Name} {fix?.SatellitesUsedBy(c.System) ?? 0}/{satellites.Count(x => x.System == c.System)}"));
        return new Panel(new Rows(new Markup(Markup.Escape(summary)), chart)).Header("Satellites used/in view, C/N0 dB-Hz (* used)");
    }

    private static Panel Events(DemoSnapshot s)
    {
        IEnumerable<string> lines = s.Events.TakeLast(10).Select(Markup.Escape);
        return new Panel(new Markup(string.Join('\n', lines.DefaultIfEmpty("—")))).Header("Events");
    }

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
