// Platform side: subscribe to a fleet (shared subscription, so several copies split the load) and keep
// a live GeoJSON file of each vehicle's track and last position. See README.md.
using System.CommandLine;
using EdgeSdk.Telemetry;
using FleetConsumer;

var mqtt = new Option<string>("--mqtt") { Description = "Broker: mqtt://HOST:PORT or mqtts://HOST:PORT", DefaultValueFactory = _ => "mqtt://127.0.0.1:1883" };
var fleet = new Option<string>("--fleet") { Description = "The fleet to follow", DefaultValueFactory = _ => "demo" };
var group = new Option<string>("--group")
{
    Description = "Shared-subscription group: copies with the same group split the fleet's messages (needs a broker with $share, e.g. mosquitto); \"\" for a plain subscription",
    DefaultValueFactory = _ => "geojson",
};
var output = new Option<string>("--out") { Description = "The GeoJSON file to keep up to date", DefaultValueFactory = _ => "fleet.geojson" };
var root = new RootCommand("Keeps a live GeoJSON file of a fleet: each vehicle's track (LineString) and last position (Point).") { mqtt, fleet, group, output };
root.SetAction(async (parseResult, cancellationToken) =>
{
    string path = Path.GetFullPath(parseResult.GetValue(output)!);
    try
    {
        var options = new TelemetryConsumerOptions
        {
            Connection = MqttConnectionOptions.FromUser(parseResult.GetValue(mqtt)!),
            Fleet = parseResult.GetValue(fleet)!,
            SharedSubscriptionGroup = string.IsNullOrEmpty(parseResult.GetValue(group)) ? null : parseResult.GetValue(group),
        };
        var app = new FleetConsumerApp(options, path);
        app.Subscribed += () => Console.WriteLine($"following fleet {options.Fleet} on {options.Connection}; writing {path}");
        app.MapWritten += map => Console.Write($"\r{map.Vehicles} vehicles");
        await app.RunAsync(cancellationToken);
        Console.WriteLine();
        return 0;
    }
    catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"FleetConsumer: {ex.Message}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();
