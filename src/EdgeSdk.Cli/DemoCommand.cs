using System.CommandLine;
using System.Globalization;
using EdgeSdk.Cli.Demo;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk demo</c>: a simulated BeiDou truck end to end — simulator → virtual serial port → GNSS
/// engine → durable queue → embedded MQTT broker (with an outage) → platform consumer — with a live dashboard.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var duration = new Option<double>("--duration")
        {
            Description = "Simulated seconds to drive. The drive starts 900 m before the scenario's first tunnel (if it has one): " +
                          "300 s show the fix lost in the tunnel and regained after it",
            DefaultValueFactory = _ => DemoSettings.DefaultDurationSeconds,
        };
        var speedup = new Option<double>("--speedup")
        {
            Description = "Simulated seconds per wall-clock second; the defaults (300 s at 5x) take about a minute",
            DefaultValueFactory = _ => DemoSettings.DefaultSpeedup,
        };
        var outage = new Option<double>("--outage")
        {
            Description = "Stop the MQTT broker for this many simulated seconds, a quarter of the way into the drive, " +
                          "to show store-and-forward (0: no outage)",
            DefaultValueFactory = _ => DemoSettings.DefaultOutageSeconds,
        };
        var scenario = new Option<string>("--scenario")
        {
            Description = "Built-in scenario (chongqing-logistics, campus-loop) or a scenario JSON file",
            DefaultValueFactory = _ => "chongqing-logistics",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Folder for track.geojson, track.gpx and the durable queue (default: a new demo-YYYYMMDD-HHMMSS folder here)",
        };
        var noDashboard = new Option<bool>("--no-dashboard")
        {
            Description = "Plain progress lines instead of the live dashboard (automatic when output is not a terminal)",
        };

        var jt808 = new Option<bool>("--jt808")
        {
            Description = "Also report the fixes over JT/T 808 to a platform simulator: 0x0200 every second, a 0x0704 blind-area batch after the outage",
        };

        var rdss = new Option<bool>("--rdss")
        {
            Description = "Also fit a simulated BeiDou RDSS card: during the outage, positions reach the platform by satellite " +
                          "short message before the broker is back; each fix is still counted once",
        };

        var command = new Command("demo",
            "Drive a simulated BeiDou truck through Chongqing end to end: simulator on a virtual serial port, GNSS engine, " +
            "durable telemetry queue, embedded MQTT broker with an outage, platform consumer; live dashboard and a summary. " +
            "Exit code 0 only when no acknowledged fix was lost.");
        foreach (Option option in new Option[] { duration, speedup, outage, scenario, output, noDashboard, jt808, rdss })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new DemoSettings
            {
                Scenario = parse.GetValue(scenario)!,
                DurationSeconds = parse.GetValue(duration),
                Speedup = parse.GetValue(speedup),
                OutageSeconds = parse.GetValue(outage),
                OutDirectory = parse.GetValue(output)
                    ?? Path.GetFullPath("demo-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
                Dashboard = !parse.GetValue(noDashboard) && !Console.IsOutputRedirected,
                Jt808 = parse.GetValue(jt808),
                Rdss = parse.GetValue(rdss),
            };
            settings.Validate();
            return await DemoRun.RunAsync(settings, cancellationToken);
        });
        return command;
    }
}
