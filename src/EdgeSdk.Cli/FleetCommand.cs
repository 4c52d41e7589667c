using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeSdk.Fleet;
using EdgeSdk.Telemetry;
using Npgsql;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk fleet ingest|last|track|inside|distance</c>: the platform store in PostgreSQL/PostGIS
/// (EdgeSdk.Fleet). A database that cannot be reached is one line and exit 2.
/// </summary>
internal static class FleetCommand
{
    /// <summary>Where --db comes from when it is not given.</summary>
    public const string DatabaseVariable = "EDGESDK_FLEET_DB";

    public static Command Create()
    {
        var command = new Command("fleet", "The fleet platform store (PostgreSQL with PostGIS): ingest telemetry exactly once, and query it.");
        command.Subcommands.Add(Ingest());
        command.Subcommands.Add(Query("last", "The last position of every vehicle, one JSON line each.", [],
            async (store, fleet, _, ct) => Lines(await store.LastPositionsAsync(fleet, ct), FleetJsonContext.Default.VehiclePosition)));
        var device = new Argument<string>("DEVICE") { Description = "The vehicle's device ID" };
        var from = new Option<DateTime>("--from") { Description = "Start of the window (UTC, ISO 8601), inclusive", Required = true };
        var to = new Option<DateTime>("--to") { Description = "End of the window (UTC, ISO 8601), exclusive", Required = true };
        command.Subcommands.Add(Query("track", "A vehicle's track in a time window as a GeoJSON Feature (LineString).", [device, from, to],
            async (store, fleet, p, ct) => await store.TrackGeoJsonAsync(p.GetValue(device)!, Utc(p.GetValue(from)), Utc(p.GetValue(to)), fleet, ct)));
        var polygon = new Argument<string>("POLYGON") { Description = "WKT POLYGON((lon lat, ...)) or a GeoJSON geometry, WGS 84" };
        command.Subcommands.Add(Query("inside", "The vehicles whose last position is inside a polygon (PostGIS ST_Contains), one JSON line each.", [polygon],
            async (store, fleet, p, ct) => Lines(await store.InsideAsync(p.GetValue(polygon)!, fleet, ct), FleetJsonContext.Default.VehiclePosition)));
        var day = new Option<DateOnly?>("--day") { Description = "One UTC day (YYYY-MM-DD); every day when left out" };
        command.Subcommands.Add(Query("distance", "Distance per vehicle per UTC day in metres (geodesic, ST_Length on geography), one JSON line each.", [day],
            async (store, fleet, p, ct) => Lines(await store.DistancePerDayAsync(p.GetValue(day), fleet, ct), FleetJsonContext.Default.DailyDistance)));
        return command;
    }

    private static Command Ingest()
    {
        var command = new Command("ingest", "Subscribe to a fleet and write every fix and event into the store, acknowledging each message only after its commit.");
        MqttOptions connection = MqttOptions.AddTo(command);
        Option<string?> db = AddDatabaseOption(command);
        var fleet = new Option<string>("--fleet") { Description = "Fleet to follow (+ for all)", DefaultValueFactory = _ => "+" };
        var group = new Option<string?>("--group") { Description = "MQTT 5 shared-subscription group: ingesters in one group split the fleet" };
        var clientId = new Option<string>("--client-id")
        {
            Description = "Fixed MQTT client ID: the broker keeps unacknowledged messages for a restarted ingester (give each ingester its own)",
            DefaultValueFactory = _ => "edgesdk-fleet-ingest",
        };
        var count = new Option<long>("--count") { Description = "Exit once this many new fixes are stored, by MQTT or by satellite (0: run until Ctrl+C)" };
        var statusEvery = new Option<double>("--status-every")
        {
            Description = "Seconds between status lines on stderr (rows inserted, duplicates, batches, broker and database state, last error); 0: none",
            DefaultValueFactory = _ => 60,
        };
        command.Options.Add(fleet);
        command.Options.Add(group);
        command.Options.Add(clientId);
        command.Options.Add(count);
        command.Options.Add(statusEvery);
        RdssIngestLeg.Options rdss = RdssIngestLeg.Add(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            MqttConnectionOptions user = connection.Read(parseResult);
            string fleetName = parseResult.GetValue(fleet)!;
            Dictionary<int, string>? satelliteDevices = RdssIngestLeg.ReadDevices(parseResult, rdss, fleetName);
            double every = parseResult.GetValue(statusEvery);
            if (every < 0)
            {
                throw new ArgumentException($"--status-every {every} must not be negative (0: no status lines)");
            }

            await using var ingestor = new FleetIngestor(new FleetIngestorOptions
            {
                ConnectionString = ConnectionString(parseResult.GetValue(db)),
                Consumer = new TelemetryConsumerOptions
                {
                    // A platform consumer is one client of its own broker: it retries every second at most, so after a broker
                    // restart the shared group is back (and the vehicles holding their fixes can send) within a second.
                    Connection = user with { ClientId = parseResult.GetValue(clientId), ReconnectMaxDelay = TimeSpan.FromSeconds(1) },
                    Fleet = fleetName,
                    SharedSubscriptionGroup = parseResult.GetValue(group),
                },
            });
            await ingestor.StartAsync(cancellationToken);
            Console.Error.WriteLine($"edgesdk fleet ingest: {user.BrokerUri} -> {ingestor.Store.Description}");
            await using RdssIngestLeg? satellite = satelliteDevices is null ? null
                : await RdssIngestLeg.StartAsync(parseResult, rdss, satelliteDevices, fleetName, ingestor, cancellationToken);
            long limit = parseResult.GetValue(count);
            TimeSpan statusInterval = TimeSpan.FromSeconds(every);
            DateTime nextStatus = DateTime.UtcNow + statusInterval;
            FleetIngestorStatus status = ingestor.Status;
            try
            {
                while (limit <= 0 || status.FixesInserted + status.SatelliteFixesInserted < limit)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                    FleetIngestorStatus now = ingestor.Status;
                    if (now.WriteFailures > status.WriteFailures || (now.LastError != null && now.LastError != status.LastError))
                    {
                        // Said when it happens, not only in the next status line: a stuck ingestor must not look healthy.
                        Console.Error.WriteLine($"edgesdk fleet ingest: writing to {ingestor.Store.Description} failed ({now.WriteFailures} failed writes): {now.LastError}");
                    }

                    status = now;
                    if (every > 0 && DateTime.UtcNow >= nextStatus)
                    {
                        Console.Error.WriteLine(StatusLine(status, satellite));
                        nextStatus = DateTime.UtcNow + statusInterval;
                    }

                    if (satellite?.Forwarding.IsCompleted == true)
                    {
                        // The centre's terminal went away: positions by satellite would stop without a word.
                        string reason = satellite.Forwarding.Exception?.GetBaseException().Message ?? "the satellite forwarding stopped";
                        Console.Error.WriteLine($"edgesdk fleet ingest: {reason}");
                        Console.Error.WriteLine(Summary(ingestor.Status, satellite));
                        return ExitCodes.Usage;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: what is not committed stays unacknowledged at the broker.
            }

            Console.Error.WriteLine(Summary(ingestor.Status, satellite));
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    private static string StatusLine(FleetIngestorStatus status, RdssIngestLeg? satellite) =>
        $"edgesdk fleet ingest: status: {status.FixesInserted} fixes inserted, {status.FixesAlreadyStored} duplicates, {status.Transactions} batches, " +
        $"{status.EventsInserted} events, {status.SatelliteFixesInserted} by satellite ({status.SatelliteFixesAlreadyStored} duplicates), {status.FixesUpgraded} upgraded, " +
        $"{status.WriteFailures} failed writes; broker {(status.Consumer.Connected ? "connected" : "disconnected")}" +
        (status.Consumer.Connected || status.Consumer.LastError is null ? string.Empty : $" ({status.Consumer.LastError})") +
        $", database {(status.DatabaseDown ? "down" : "up")}; LastError: {status.LastError ?? "none"}" +
        (satellite is null ? string.Empty : $"; {satellite.Counts()}");

    private static string Summary(FleetIngestorStatus status, RdssIngestLeg? satellite) =>
        $"edgesdk fleet ingest: {status.FixesInserted} fixes and {status.EventsInserted} events stored in {status.Transactions} transactions, " +
        $"{status.FixesAlreadyStored} already stored, {status.MessagesAcknowledged} messages acknowledged, {status.WriteFailures} failed writes retried, " +
        $"{status.Consumer.Malformed} malformed and {status.Consumer.Oversized} oversized messages skipped" +
        (satellite is null ? string.Empty : $"; {status.SatelliteFixesInserted} fixes by satellite ({status.SatelliteFixesAlreadyStored} already stored), " +
            $"{status.FixesUpgraded} upgraded by MQTT, {satellite.Counts()}");

    private static Command Query(string name, string description, Symbol[] symbols, Func<FleetStore, string?, ParseResult, CancellationToken, Task<string>> run)
    {
        var command = new Command(name, description);
        Option<string?> db = AddDatabaseOption(command);
        var fleet = new Option<string?>("--fleet") { Description = "One fleet (default: all)" };
        command.Options.Add(fleet);
        foreach (Symbol symbol in symbols)
        {
            if (symbol is Argument argument)
            {
                command.Arguments.Add(argument);
            }
            else
            {
                command.Options.Add((Option)symbol);
            }
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // The names the store holds passed TelemetryNames on the way in: anything else is a typo, said before connecting.
            if (parseResult.GetValue(fleet) is { } fleetName)
            {
                TelemetryNames.Validate(fleetName, "fleet");
            }

            if (Array.Find(symbols, symbol => symbol.Name == "DEVICE") is Argument<string> deviceArgument)
            {
                TelemetryNames.Validate(parseResult.GetValue(deviceArgument), "device");
            }

            await using FleetStore store = await FleetStore.OpenAsync(ConnectionString(parseResult.GetValue(db)), cancellationToken);
            try
            {
                string output = await run(store, parseResult.GetValue(fleet), parseResult, cancellationToken);
                Console.Out.Write(output.Length == 0 || output.EndsWith('\n') ? output : output + "\n");
            }
            catch (NpgsqlException ex)
            {
                throw new IOException($"the database at {store.Description} failed: {ex.Message}", ex);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> AddDatabaseOption(Command command)
    {
        var db = new Option<string?>("--db")
        {
            Description = $"Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Database=fleet;Username=fleet\" (default: ${DatabaseVariable}); " +
                "keep the password in PGPASSWORD or ~/.pgpass, not on the command line",
        };
        command.Options.Add(db);
        return db;
    }

    internal static string ConnectionString(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            WarnIfPasswordInArgv(given);
            return given;
        }

        return Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : throw new ArgumentException($"no database: give --db \"Host=...;Port=...;Database=...;Username=...\" or set {DatabaseVariable}");
    }

    // The command still runs (a throwaway test cluster is a fair use), but the user learns that every account on
    // the machine can read the password from ps or /proc/PID/cmdline while it does. A string that does not parse
    // is checked by keyword (Npgsql's Password, PWD and PSW), so the warning does not depend on the rest being right.
    private static void WarnIfPasswordInArgv(string connectionString)
    {
        bool hasPassword;
        try
        {
            hasPassword = !string.IsNullOrEmpty(new NpgsqlConnectionStringBuilder(connectionString).Password);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            hasPassword = System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(^|;)\s*(password|pwd|psw)\s*=\s*[^;\s]", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }

        if (hasPassword)
        {
            Console.Error.WriteLine("edgesdk: warning: the database password in --db is visible to every user (ps, /proc); put it in PGPASSWORD or ~/.pgpass (mode 600) instead");
        }
    }

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static string Lines<T>(IEnumerable<T> rows, JsonTypeInfo<T> json) =>
        string.Concat(rows.Select(row => JsonSerializer.Serialize(row, json) + "\n"));
}
