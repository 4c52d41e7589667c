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
var db = new Option<string?>("--db")
{
    Description = "Also store every fix in PostgreSQL/PostGIS (Npgsql connection string, e.g. \"Host=127.0.0.1;Database=fleet;Username=fleet\"): exactly once, acknowledged after commit",
};
var clientId = new Option<string?>("--client-id") { Description = "Fixed MQTT client ID (with --db: the broker keeps what is not stored yet for the next run)" };
var root = new RootCommand("Keeps a live GeoJSON file of a fleet: each vehicle's track (LineString) and last position (Point); with --db also a PostgreSQL/PostGIS store.") { mqtt, fleet, group, output, db, clientId };
root.SetAction(async (parseResult, cancellationToken) =>
{
    string path = Path.GetFullPath(parseResult.GetValue(output)!);
    try
    {
        MqttConnectionOptions connection = MqttConnectionOptions.FromUser(parseResult.GetValue(mqtt)!);
        var options = new TelemetryConsumerOptions
        {
            Connection = parseResult.GetValue(clientId) is { Length: > 0 } id
                ? new MqttConnectionOptions { BrokerUri = connection.BrokerUri, ClientId = id }
                : connection,
            Fleet = parseResult.GetValue(fleet)!,
            SharedSubscriptionGroup = string.IsNullOrEmpty(parseResult.GetValue(group)) ? null : parseResult.GetValue(group),
        };
        var app = new FleetConsumerApp(options, path, parseResult.GetValue(db));
        app.Subscribed += () => Console.WriteLine($"following fleet {options.Fleet} on {options.Connection}; writing {path}");
        app.MapWritten += map => Console.Write($"\r{map.Vehicles} vehicles");
        await app.RunAsync(cancellationToken);
        Console.WriteLine();
        if (app.StoreStatus is { } stored)
        {
            Console.WriteLine($"stored {stored.FixesInserted} fixes ({stored.FixesAlreadyStored} already stored), {stored.WriteFailures} failed writes retried");
        }

        return 0;
    }
    catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"FleetConsumer: {ex.Message}");
        return 2;
    }
});
return await root.Parse(args).InvokeAsync();
