using System.Diagnostics;
using System.Globalization;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using Npgsql;

namespace EdgeSdk.Fleet;

/// <summary>
/// A fleet load test in one call: N simulated vehicles in this process (each a real <see cref="TelemetryPublisher"/>
/// with its own durable queue, sequence numbers and MQTT connection; one shared clock drives them all, no thread per
/// vehicle), K consumer processes in one shared-subscription group writing to the store, and faults on a schedule:
/// the private broker restarted twice (at 20 % and 75 % of the run), one consumer killed with SIGKILL and restarted
/// (40 %), a burst of malformed messages from a rogue client (55 %). Afterwards it waits until every vehicle's queue is
/// empty and every acknowledged fix is in the store, then compares the store with the acknowledgements per vehicle
/// and reads the latency from each row's fix time and insert time.
/// </summary>
/// <example>
/// <code>
/// FleetLoadReport report = await FleetLoadTest.RunAsync(new FleetLoadOptions
/// {
///     Vehicles = 50, Duration = TimeSpan.FromSeconds(60), ConnectionString = "Host=127.0.0.1;Port=5432;Database=fleet;Username=fleet",
///     ConsumerCommand = ["edgesdk", "fleet", "ingest"],
/// });
/// Console.WriteLine(report);
/// </code>
/// </example>
public static class FleetLoadTest
{
    /// <summary>Where in the run each fault happens, as a fraction of <see cref="FleetLoadOptions.Duration"/>.</summary>
    private const double FirstBrokerRestart = 0.20, ConsumerKill = 0.40, RogueBurst = 0.55, SecondBrokerRestart = 0.75;

    // Vehicles start on a grid around Chongqing and drive east at 10 to 20 m/s.
    private const double StartLatitudeDegrees = 29.40, StartLongitudeDegrees = 106.40, MetersPerDegreeLatitude = 111_320;

    /// <summary>Runs the load test; stops by itself after the duration and the settling.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Receives one line per event of the timeline (faults, reconnects, progress every 10 s); null for none.</param>
    /// <param name="cancellationToken">Stops the run early (everything started is stopped and cleaned up).</param>
    /// <exception cref="ArgumentException">A setting is out of range, or the broker is not on loopback.</exception>
    /// <exception cref="IOException">mosquitto, a consumer or the database could not be started or reached; the message names which.</exception>
    public static async Task<FleetLoadReport> RunAsync(FleetLoadOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var run = new Run(options, progress);
        try
        {
            return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await run.CleanUpAsync().ConfigureAwait(false);
        }
    }

    private static void Validate(FleetLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Vehicles < 1 || options.Consumers < 1 || options.BatchSize < 1 || options.RogueMessages < 0)
        {
            throw new ArgumentException($"--vehicles ({options.Vehicles}) and --consumers ({options.Consumers}) must be at least 1, --rogue ({options.RogueMessages}) at least 0, BatchSize ({options.BatchSize}) at least 1");
        }
        if (options.BrokerRestarts is < 0 or > 2)
        {
            throw new ArgumentException($"--broker-restarts must be 0, 1 or 2, not {options.BrokerRestarts}");
        }

        if (!(options.RateHertz > 0 && options.RateHertz <= 100))
        {
            throw new ArgumentException($"--rate must be above 0 and at most 100 Hz, not {options.RateHertz}");
        }

        if (options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--duration must be positive");
        }

        if (options.ConsumerCommand.Count == 0)
        {
            throw new ArgumentException("no consumer command: give the program that runs `fleet ingest`");
        }

        if (options.BrokerUri is { } uri && !IsLoopback(uri.Host))
        {
            throw new ArgumentException($"the load test talks only to a broker on loopback, not {uri.Host}: use mqtt://127.0.0.1:PORT or leave --mqtt out to start a private mosquitto");
        }

        if (options.Fleet is { } fleet)
        {
            TelemetryNames.Validate(fleet, "fleet");
        }
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? address) && System.Net.IPAddress.IsLoopback(address));

    /// <summary>One run's state; the public entry point keeps none.</summary>
    private sealed class Run(FleetLoadOptions options, Action<string>? progress)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _timeline = [];
        private readonly string _fleet = options.Fleet ?? $"load{DateTime.UtcNow:yyyyMMddHHmmss}";
        private readonly string _work = Directory.CreateTempSubdirectory("edgesdk-load-").FullName;
        private readonly List<ConsumerProcess> _consumers = [];
        private readonly List<TelemetryPublisher> _publishers = [];
        private LoadBroker? _broker;
        private Uri _brokerUri = options.BrokerUri ?? new Uri("mqtt://127.0.0.1:1883");
        private int _brokerRestarts, _consumerKills, _rogueSent;

        public async Task<FleetLoadReport> ExecuteAsync(CancellationToken cancellationToken)
        {
            string loadAtStart = ProcessMemory.LoadAverage();
            if (options.BrokerUri is null)
            {
                _broker = await LoadBroker.StartAsync(_work, options.BrokerMaxQueuedMessages, cancellationToken).ConfigureAwait(false);
                _brokerUri = _broker.Uri;
                Note($"private mosquitto on {_brokerUri}");
            }

            // Migrate once here: K consumers starting together would otherwise race to create the schema.
            await (await FleetStore.OpenAsync(options.ConnectionString, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            using var database = NpgsqlDataSource.Create(options.ConnectionString);
            for (int k = 1; k <= options.Consumers; k++)
            {
                _consumers.Add(await StartConsumerAsync(k, cancellationToken).ConfigureAwait(false));
            }

            Note($"{options.Consumers} consumer processes subscribed in group {_fleet}");
            await StartVehiclesAsync(cancellationToken).ConfigureAwait(false);

            var generating = Stopwatch.StartNew();
            using var faultsStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task faults = options.Faults ? FaultsAsync(generating, faultsStop.Token) : Task.CompletedTask;
            long generated;
            try
            {
                generated = await GenerateAsync(generating, database, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await faultsStop.CancelAsync().ConfigureAwait(false);
                await faults.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }

            double generatingSeconds = generating.Elapsed.TotalSeconds;
            await faults.ConfigureAwait(false); // every fault has happened by 75 % of the run; a failed fault fails the run
            Note($"vehicles stopped after {generatingSeconds:F1} s: {generated} fixes generated");

            var settling = Stopwatch.StartNew();
            bool settled = await SettleAsync(database, cancellationToken).ConfigureAwait(false);
            double settleSeconds = settling.Elapsed.TotalSeconds;
            Note(settled ? $"settled: every queue empty and every acknowledged fix stored after {settleSeconds:F1} s" : "NOT settled within the timeout");

            FleetLoadReport audit = await AuditAsync(database, cancellationToken).ConfigureAwait(false);
            var processes = new List<FleetLoadProcess>();
            (long selfRss, long selfPeak) = ProcessMemory.Read(Environment.ProcessId);
            processes.Add(new FleetLoadProcess("load", Environment.ProcessId, selfRss, selfPeak, string.Empty));
            long rogueCounted = 0, redeliveries = 0;
            foreach (ConsumerProcess consumer in _consumers)
            {
                (long rss, long peak) = ProcessMemory.Read(consumer.ProcessId);
                (string summary, long rejected, long alreadyStored) = await consumer.StopAsync().ConfigureAwait(false);
                rogueCounted += rejected;
                redeliveries += alreadyStored;
                processes.Add(new FleetLoadProcess(consumer.Name, consumer.ProcessId, rss, peak, summary));
            }

            long undelivered = _publishers.Sum(p => p.Counters.Undelivered);
            return audit with
            {
                Vehicles = options.Vehicles,
                RateHertz = options.RateHertz,
                GeneratingSeconds = generatingSeconds,
                Consumers = options.Consumers,
                FixesGenerated = generated,
                FixesUndelivered = undelivered,
                FixesAcknowledged = _publishers.Sum(p => p.Counters.Acknowledged),
                RedeliveriesAbsorbed = redeliveries,
                BrokerRestarts = _brokerRestarts,
                ConsumerKills = _consumerKills,
                RogueMessagesSent = _rogueSent,
                RogueMessagesCounted = rogueCounted,
                Settled = settled,
                SettleSeconds = settleSeconds,
                Processes = processes,
                LoadAverage = $"{loadAtStart} at the start, {ProcessMemory.LoadAverage()} at the end",
                Timeline = [.. _timeline],
            };
        }

        public async Task CleanUpAsync()
        {
            await Task.WhenAll(_publishers.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
            foreach (ConsumerProcess consumer in _consumers)
            {
                if (!consumer.HasExited)
                {
                    await consumer.StopAsync().ConfigureAwait(false);
                }

                consumer.Dispose();
            }

            if (_broker is not null)
            {
                await _broker.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a process that is going away; the temporary directory is the OS's to clean.
            }
        }

        private Task<ConsumerProcess> StartConsumerAsync(int k, CancellationToken cancellationToken) =>
            ConsumerProcess.StartAsync($"consumer-{k}", options.ConsumerCommand,
                ["--mqtt", _brokerUri.ToString(), "--db", options.ConnectionString, "--fleet", _fleet, "--group", _fleet,
                 "--client-id", $"{_fleet}-ingest-{k}"], cancellationToken);

        private async Task StartVehiclesAsync(CancellationToken cancellationToken)
        {
            string queueRoot = options.QueueRoot ?? Path.Combine(_work, "queues");
            for (int v = 0; v < options.Vehicles; v++)
            {
                string device = DeviceId(v);
                var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
                {
                    DeviceId = device,
                    Fleet = _fleet,
                    QueueDirectory = Path.Combine(queueRoot, _fleet, device),
                    FsyncInterval = options.QueueFsyncInterval,
                    BatchSize = options.BatchSize,
                    BatchMaxDelay = options.BatchMaxDelay,
                    HoldWhenNoSubscriber = true, // the consumers share a group: after a broker restart nobody is subscribed until they are back
                    Connection = new MqttConnectionOptions
                    {
                        BrokerUri = _brokerUri,
                        ClientId = $"{_fleet}-{device}",
                        ConnectTimeout = TimeSpan.FromSeconds(10),
                        ReconnectInitialDelay = TimeSpan.FromMilliseconds(500),
                        // A restarted broker is back in seconds: retry at least every 2 s (jittered down to 1 s), and hold fixes the
                        // broker had no subscriber for no longer than that either.
                        ReconnectMaxDelay = TimeSpan.FromSeconds(2),
                    },
                });
                _publishers.Add(publisher);
                await publisher.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            // Every vehicle connected before the clock starts, so the first fixes measure the pipeline, not the connect storm.
            var clock = Stopwatch.StartNew();
            TimeSpan limit = TimeSpan.FromSeconds(60 + (options.Vehicles / 10.0));
            bool[] connected = await Task.WhenAll(_publishers.Select(p => p.WaitUntilConnectedAsync(limit, cancellationToken))).ConfigureAwait(false);
            int missing = connected.Count(c => !c);
            if (missing > 0)
            {
                throw new IOException($"{missing} of {options.Vehicles} vehicles could not connect to {_brokerUri} within {limit.TotalSeconds:F0} s");
            }

            Note($"{options.Vehicles} vehicles connected in {clock.Elapsed.TotalSeconds:F1} s");
        }

        // One loop for all vehicles: fix t of every vehicle is due at t / rate seconds; a late loop catches up, so the
        // count is exact (vehicles x ticks) however busy the machine is.
        private async Task<long> GenerateAsync(Stopwatch generating, NpgsqlDataSource database, CancellationToken cancellationToken)
        {
            long ticks = Math.Max(1, (long)Math.Round(options.Duration.TotalSeconds * options.RateHertz));
            long generated = 0;
            TimeSpan nextProgress = TimeSpan.FromSeconds(10);
            for (long t = 0; t < ticks; t++)
            {
                TimeSpan due = TimeSpan.FromSeconds(t / options.RateHertz);
                TimeSpan wait = due - generating.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                DateTime now = DateTime.UtcNow;
                double elapsedSeconds = t / options.RateHertz;
                for (int v = 0; v < _publishers.Count; v++)
                {
                    if (_publishers[v].TryEnqueue(Fix(v, elapsedSeconds, now)))
                    {
                        generated++;
                    }
                }

                if (generating.Elapsed >= nextProgress)
                {
                    nextProgress += TimeSpan.FromSeconds(10);
                    Note($"{generated} fixes generated, {_publishers.Sum(p => p.Counters.Acknowledged)} acknowledged, {await CountRowsAsync(database, cancellationToken).ConfigureAwait(false)} stored");
                }
            }

            return generated;
        }

        private async Task FaultsAsync(Stopwatch generating, CancellationToken cancellationToken)
        {
            if (_broker is null)
            {
                Note("broker restarts skipped: --mqtt names a broker this run did not start");
            }
            else if (options.BrokerRestarts >= 1)
            {
                await AtAsync(generating, FirstBrokerRestart, cancellationToken).ConfigureAwait(false);
                await RestartBrokerAsync(cancellationToken).ConfigureAwait(false);
            }

            await AtAsync(generating, ConsumerKill, cancellationToken).ConfigureAwait(false);
            ConsumerProcess victim = _consumers[0];
            (long rss, long peak) = ProcessMemory.Read(victim.ProcessId);
            await victim.KillAsync().ConfigureAwait(false);
            _consumerKills++;
            Note($"{victim.Name} (pid {victim.ProcessId}, rss {rss / 1048576.0:F1} MiB, peak {peak / 1048576.0:F1} MiB) killed with SIGKILL");
            _consumers[0] = await StartConsumerAsync(1, cancellationToken).ConfigureAwait(false);
            victim.Dispose();
            Note($"{_consumers[0].Name} restarted on its session (pid {_consumers[0].ProcessId})");

            if (options.RogueMessages > 0)
            {
                await AtAsync(generating, RogueBurst, cancellationToken).ConfigureAwait(false);
                _rogueSent = await RogueClient.BurstAsync(_brokerUri, _fleet, options.RogueMessages, cancellationToken).ConfigureAwait(false);
                Note($"rogue client published {_rogueSent} malformed/oversized messages");
            }

            if (_broker is not null && options.BrokerRestarts >= 2)
            {
                await AtAsync(generating, SecondBrokerRestart, cancellationToken).ConfigureAwait(false);
                await RestartBrokerAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task RestartBrokerAsync(CancellationToken cancellationToken)
        {
            await _broker!.StopAsync().ConfigureAwait(false);
            Note("mosquitto stopped (SIGTERM)");
            await Task.Delay(options.BrokerDowntime, cancellationToken).ConfigureAwait(false);
            await _broker.StartAsync(cancellationToken).ConfigureAwait(false);
            _brokerRestarts++;
            Note("mosquitto started again");
            var clock = Stopwatch.StartNew();
            while (_publishers.Any(p => !p.Counters.Connected) && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            Note($"{_publishers.Count(p => p.Counters.Connected)} of {_publishers.Count} vehicles reconnected {clock.Elapsed.TotalSeconds:F1} s after the restart");
        }

        private async Task AtAsync(Stopwatch generating, double fraction, CancellationToken cancellationToken)
        {
            TimeSpan wait = (options.Duration * fraction) - generating.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        // Every fix handed over is acknowledged by the broker (or counted undelivered), and every acknowledged fix has a row.
        private async Task<bool> SettleAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < options.SettleTimeout)
            {
                TelemetryPublisherCounters[] counters = _publishers.Select(p => p.Counters).ToArray();
                if (counters.All(c => c.Acknowledged + c.Undelivered == c.Accepted)
                    && await CountRowsAsync(database, cancellationToken).ConfigureAwait(false) >= counters.Sum(c => c.Acknowledged))
                {
                    return true;
                }

                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        // The store against the acknowledgements, vehicle by vehicle: a fresh queue numbers from 1, and the broker acknowledges
        // in order, so vehicle v must have exactly the rows 1..acknowledged(v), each once.
        private async Task<FleetLoadReport> AuditAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
        {
            var acknowledged = new Dictionary<string, long>();
            for (int v = 0; v < _publishers.Count; v++)
            {
                acknowledged[DeviceId(v)] = _publishers[v].Counters.Acknowledged;
            }

            long rows = 0, lost = 0, duplicated = 0;
            int mismatched = 0;
            var seen = new HashSet<string>();
            await using (NpgsqlCommand perDevice = database.CreateCommand(
                "SELECT device, count(*), count(DISTINCT (queue_instance, sequence)), min(sequence), max(sequence) FROM fleet_fix WHERE fleet = $1 GROUP BY device"))
            {
                perDevice.Parameters.Add(new NpgsqlParameter { Value = _fleet });
                await using NpgsqlDataReader reader = await perDevice.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    string device = reader.GetString(0);
                    long count = reader.GetInt64(1), distinct = reader.GetInt64(2), min = reader.GetInt64(3), max = reader.GetInt64(4);
                    long expected = acknowledged.GetValueOrDefault(device);
                    seen.Add(device);
                    rows += count;
                    lost += Math.Max(0, expected - distinct);
                    duplicated += Math.Max(0, distinct - expected) + (count - distinct);
                    if (count != expected || distinct != count || min != 1 || max != expected)
                    {
                        mismatched++;
                    }
                }
            }

            foreach ((string device, long expected) in acknowledged)
            {
                if (!seen.Contains(device) && expected > 0)
                {
                    lost += expected;
                    mismatched++;
                }
            }

            double p50 = 0, p99 = 0, max99 = 0;
            await using (NpgsqlCommand latency = database.CreateCommand(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms) " +
                "FROM (SELECT extract(epoch FROM committed_utc - time_utc)::float8 * 1000 AS ms FROM fleet_fix WHERE fleet = $1) AS latency"))
            {
                latency.Parameters.Add(new NpgsqlParameter { Value = _fleet });
                await using NpgsqlDataReader reader = await latency.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
                {
                    (p50, p99, max99) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2));
                }
            }

            long events;
            await using (NpgsqlCommand count = database.CreateCommand("SELECT count(*) FROM fleet_event WHERE fleet = $1"))
            {
                count.Parameters.Add(new NpgsqlParameter { Value = _fleet });
                events = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            return new FleetLoadReport
            {
                Fleet = _fleet,
                RowsStored = rows,
                Lost = lost,
                Duplicated = duplicated,
                VehiclesMismatched = mismatched,
                EventsStored = events,
                LatencyP50Milliseconds = p50,
                LatencyP99Milliseconds = p99,
                LatencyMaxMilliseconds = max99,
            };
        }

        private async Task<long> CountRowsAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
        {
            await using NpgsqlCommand count = database.CreateCommand("SELECT count(*) FROM fleet_fix WHERE fleet = $1");
            count.Parameters.Add(new NpgsqlParameter { Value = _fleet });
            return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        private static string DeviceId(int vehicle) => string.Create(CultureInfo.InvariantCulture, $"v{vehicle + 1:D5}");

        // Vehicle v on a 0.01° grid, driving east at 10 + (v mod 11) m/s since the start.
        private static GnssFix Fix(int vehicle, double elapsedSeconds, DateTime timeUtc)
        {
            double latitude = StartLatitudeDegrees + (0.01 * (vehicle / 100));
            double speed = 10 + (vehicle % 11);
            double metersPerDegreeLongitude = MetersPerDegreeLatitude * Math.Cos(latitude * Math.PI / 180);
            return new GnssFix
            {
                TimeUtc = timeUtc,
                Mode = FixMode.ThreeD,
                Quality = FixQuality.Autonomous,
                LatitudeDegrees = latitude,
                LongitudeDegrees = StartLongitudeDegrees + (0.01 * (vehicle % 100)) + (speed * elapsedSeconds / metersPerDegreeLongitude),
                AltitudeMslMeters = 250,
                SpeedMetersPerSecond = speed,
                CourseDegrees = 90,
                SatellitesUsed = 14,
            };
        }

        private void Note(string text)
        {
            string line = string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,7:F1} s  {text}");
            lock (_timeline)
            {
                _timeline.Add(line);
            }

            progress?.Invoke(line);
        }
    }
}
