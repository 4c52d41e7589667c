using System.Diagnostics;
using System.Globalization;
using EdgeSdk.Gnss;
using EdgeSdk.Gnss.Tracks;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Receiver;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.Broker;
using Spectre.Console;

namespace EdgeSdk.Cli.Demo;

/// <summary>
/// One demo drive, wired from library parts only: <see cref="GnssSimulator"/> → <see cref="PseudoTerminal"/> →
/// <see cref="GnssReceiver"/> (opened as <c>serial:</c>, as an app opens a real port) → <see cref="TelemetryPublisher"/>
/// (durable queue) → <see cref="EmbeddedBroker"/> → <see cref="TelemetryConsumer"/> (the platform). This class
/// only starts them, feeds one into the next, collects their counters for the dashboard, and asks the consumer at
/// the end whether every sequence number the broker acknowledged reached it (<see cref="TelemetryConsumer.Unreceived"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The parts are disposed by RunAsync's await using; the fields only let the dashboard read their counters.")]
internal sealed class DemoRun
{
    private const string Fleet = "demo", DeviceId = "truck-042";
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    private readonly DemoSettings _settings;
    private readonly Scenario _scenario;
    private readonly Lock _lock = new();
    private readonly List<string> _events = new();
    private readonly GnssTrack _deviceTrack = new(DeviceId), _platformTrack = new(DeviceId);
    private readonly FixAvailability _availability = new();
    private readonly Stopwatch _clock = new();
    private EmbeddedBroker _broker = null!;
    private TelemetryPublisher _publisher = null!;
    private TelemetryConsumer _consumer = null!;
    private DemoJt808Leg? _jt808;
    private DemoRdssLeg? _rdss;
    private string _serialPath = "";
    private GnssFix? _latest;
    private long _fixes, _positioned;
    private TimeSpan _longestWithoutFix;
    private TimeSpan? _driveEnded;
    private volatile bool _finished;

    private DemoRun(DemoSettings settings, Scenario scenario)
    {
        _settings = settings;
        _scenario = scenario;
    }

    private TimeSpan Duration => TimeSpan.FromSeconds(_settings.DurationSeconds);

    /// <summary>Simulated time since the drive started (the simulator paces epochs on the same clock).</summary>
    private TimeSpan Elapsed => _driveEnded ?? TimeSpan.FromSeconds(Math.Min(_settings.DurationSeconds, _clock.Elapsed.TotalSeconds * _settings.Speedup));

    private string BrokerAddress => $"{_broker.Uri.Scheme}://{_broker.Uri.Authority}";

    private string Title => _scenario.Waypoints[0].Name is { } start ? $"{_scenario.Name} from {start}" : _scenario.Name;

    /// <summary>Runs the drive; returns 0 only when nothing acknowledged was lost and the queue flushed.</summary>
    /// <exception cref="FileNotFoundException">The scenario is neither built in nor a file.</exception>
    public static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        Scenario scenario = ScenarioSection.StartBefore(Scenario.Load(settings.Scenario), ScenarioEnvironment.Tunnel, DemoSettings.TunnelLeadMeters);
        OutputFolder.Prepare(settings.OutDirectory, "--out"); // after the scenario: nothing is created for a run that cannot start
        return await new DemoRun(settings, scenario).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Short reconnect pacing: the broker comes back within seconds in the demo.
        MqttConnectionOptions Connection(EmbeddedBroker broker, string? clientId) => new()
        {
            BrokerUri = broker.Uri,
            ClientId = clientId,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };

        using PseudoTerminal pty = PseudoTerminal.Open();
        _serialPath = pty.SlavePath;
        await using var broker = _broker = new EmbeddedBroker();
        if (!_settings.Dashboard)
        {
            Console.WriteLine($"edgesdk demo: {Title}; receiver on {_serialPath}, broker {BrokerAddress}, files in {_settings.OutDirectory}");
        }

        await broker.StartAsync(cancellationToken).ConfigureAwait(false);

        // A fixed client ID gives the platform a persistent session: the broker keeps its subscription through the outage.
        await using var consumer = _consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = Connection(broker, "edgesdk-demo-platform"),
            Fleet = Fleet,
        });
        await consumer.StartAsync(cancellationToken).ConfigureAwait(false);

        string queueDirectory = Path.Combine(_settings.OutDirectory, "queue");
        await using var publisher = _publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = DeviceId,
            Fleet = Fleet,
            QueueDirectory = queueDirectory,
            Connection = Connection(broker, null),
            BatchMaxDelay = TimeSpan.FromSeconds(1), // fixes show up on the platform within a second
        });
        publisher.EventRaised += (_, e) => OnTelemetryEvent(e);
        await publisher.StartAsync(cancellationToken).ConfigureAwait(false);
        TelemetryPublisherCounters start = publisher.Counters;
        long firstSequence = start.NextSequence - start.Queued; // a queue left by an earlier run is sent too
        // The waits below end as soon as their condition holds; their limits are generous for busy machines.
        if (!await publisher.WaitUntilConnectedAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"the telemetry publisher could not connect to the embedded broker at {broker.Uri}: {publisher.Counters.LastError}");
        }

        await using DemoJt808Leg? jt808 = _jt808 = _settings.Jt808
            ? await DemoJt808Leg.StartAsync(Path.Combine(_settings.OutDirectory, "jt808"), Event, cancellationToken).ConfigureAwait(false)
            : null;
        await using DemoRdssLeg? rdss = _rdss = _settings.Rdss
            ? await DemoRdssLeg.StartAsync(publisher, consumer, Fleet, DeviceId, _settings.Speedup, Event, cancellationToken).ConfigureAwait(false)
            : null;
        await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.SlavePath}?baud=115200");
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task receiving = Task.Run(() => ReceiveAsync(receiver, stopReading.Token), CancellationToken.None);
        using var stopConsuming = new CancellationTokenSource(); // only after the final check, even on Ctrl+C
        Task consuming = Task.Run(() => ConsumeAsync(stopConsuming.Token), CancellationToken.None);
        Task display = _settings.Dashboard ? DashboardAsync() : PlainProgressAsync();

        _clock.Start();
        Task outage = OutageAsync(cancellationToken);
        SimulationSummary? simulated = null;
        try
        {
            simulated = await GnssSimulator.RunAsync(new SimulationOptions
            {
                ScenarioDefinition = _scenario,
                DurationSeconds = _settings.DurationSeconds,
                Receiver = ReceiverModel.Casic,
                Realtime = true,
                Speedup = _settings.Speedup,
            }, pty.Stream, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop driving, then report what happened so far.
        }

        bool interrupted = simulated == null;
        _driveEnded = interrupted ? Elapsed : Duration;
        if (simulated != null)
        {
            // The engine still has the last epoch (it ends an epoch at the next one or a quiet gap).
            await WaitForAsync(() => Interlocked.Read(ref _fixes) >= simulated.Epochs, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        }

        await stopReading.CancelAsync().ConfigureAwait(false);
        await receiving.ConfigureAwait(false);
        await outage.ConfigureAwait(false);
        bool drained = await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(interrupted ? 1 : 30), CancellationToken.None).ConfigureAwait(false);
        drained &= jt808 == null || await jt808.FinishAsync(TimeSpan.FromSeconds(interrupted ? 1 : 30)).ConfigureAwait(false);
        TelemetryPublisherCounters status = publisher.Counters;
        long lastAcknowledged = status.NextSequence - 1 - status.Queued;
        IReadOnlyList<long> Missing(int max) => consumer.Unreceived(Fleet, DeviceId, status.QueueInstanceId, firstSequence, lastAcknowledged, max);
        await WaitForAsync(() => Missing(1).Count == 0, TimeSpan.FromSeconds(interrupted ? 0.3 : 15), CancellationToken.None).ConfigureAwait(false);
        _finished = true;
        await display.ConfigureAwait(false);
        await stopConsuming.CancelAsync().ConfigureAwait(false);
        await consuming.ConfigureAwait(false);

        IReadOnlyList<long> lost = Missing(int.MaxValue);
        return Report(status, consumer.Counters, simulated, lost, drained, interrupted, queueDirectory);
    }

    private async Task ReceiveAsync(GnssReceiver receiver, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_lock)
                {
                    _latest = fix;
                    _fixes++;
                    _positioned += _deviceTrack.Add(fix) ? 1 : 0;
                }

                switch (_availability.Observe(fix))
                {
                    case FixAvailabilityChange.Acquired:
                        Event($"first fix: {Mode(fix)}, {fix.SatellitesUsed} satellites used");
                        break;
                    case FixAvailabilityChange.Lost:
                        Event(_availability.SatellitesTracked == 0
                            ? "fix lost: no satellite signal (tunnel)"
                            : $"fix lost: {_availability.SatellitesTracked} satellites tracked");
                        break;
                    case FixAvailabilityChange.Regained:
                        _longestWithoutFix = TimeSpan.FromTicks(Math.Max(_longestWithoutFix.Ticks, _availability.LastOutage.Ticks));
                        Event($"fix regained after {Clock(_availability.LastOutage)}, {fix.SatellitesUsed} used");
                        break;
                }

                _publisher.TryEnqueue(fix); // never blocks; a full hand-off is counted and shown
                _jt808?.Report(fix);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // End of the drive.
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (ReceivedFix received in _consumer.ReadFixesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (received.Path == ReceivedFixPath.Satellite)
                {
                    continue; // the track takes the full-resolution copy, which follows as an upgrade
                }

                lock (_lock)
                {
                    _platformTrack.Add(received.ToGnssFix());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped after the final check.
        }
    }

    /// <summary>Stops the broker a quarter of the way into the drive and starts it again after the outage (simulated seconds).</summary>
    private async Task OutageAsync(CancellationToken cancellationToken)
    {
        if (_settings.OutageSeconds <= 0)
        {
            return;
        }

        try
        {
            await Task.Delay(_settings.Wall(_settings.DurationSeconds * DemoSettings.OutageStartFraction), cancellationToken).ConfigureAwait(false);
            Event(string.Create(CultureInfo.InvariantCulture, $"broker down: network outage for {_settings.OutageSeconds:0.#} s"));
            await _broker.StopAsync(cancellationToken).ConfigureAwait(false);
            _jt808?.TakeDown();
            await Task.Delay(_settings.Wall(_settings.OutageSeconds), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: end the outage now so the queue can still flush.
        }
        finally
        {
            if (!_broker.IsRunning)
            {
                await _broker.StartAsync(CancellationToken.None).ConfigureAwait(false); // also after Ctrl+C: the queue must flush
                _jt808?.BringUp();
                Event("broker back");
            }
        }
    }

    private void OnTelemetryEvent(TelemetryEvent e)
    {
        switch (e.Kind)
        {
            case TelemetryEventKind.Connected when e.Count > 0:
                Event($"reconnected: sending {e.Count} queued fixes");
                break;
            case TelemetryEventKind.Connected:
                Event("publisher connected");
                break;
            case TelemetryEventKind.BrokerDown:
                Event("publisher: broker gone, queueing on disk");
                break;
            case TelemetryEventKind.QueueFlushed:
                Event("queue flushed: backlog acknowledged");
                break;
            default:
                Event($"publisher: {e.Message}");
                break;
        }
    }

    private void Event(string text)
    {
        if (_finished)
        {
            return; // shutting down after the summary (the publisher's own disconnect)
        }

        string line = $"[{Clock(Elapsed)}] {text}";
        lock (_lock)
        {
            _events.Add(line);
        }

        if (!_settings.Dashboard)
        {
            Console.WriteLine(line);
        }
    }

    private DemoSnapshot Snapshot()
    {
        TelemetryPublisherCounters publisher = _publisher.Counters;
        TelemetryConsumerCounters consumer = _consumer.Counters;
        lock (_lock)
        {
            return new DemoSnapshot
            {
                Title = Title,
                SerialPath = _serialPath,
                BrokerUri = BrokerAddress,
                Elapsed = Elapsed,
                Duration = Duration,
                Fix = _latest,
                FixesComputed = _fixes,
                DistanceMeters = _deviceTrack.DistanceMeters,
                BrokerUp = _broker.IsRunning,
                Published = publisher.Published,
                Acknowledged = publisher.Acknowledged,
                Queued = publisher.Queued,
                Dropped = publisher.Undelivered,
                BytesPerFix = publisher.BytesPerFix,
                Received = consumer.Fixes,
                Duplicates = consumer.Duplicates,
                Events = _events.ToArray(),
            };
        }
    }

    private Task DashboardAsync() => AnsiConsole.Live(Dashboard()).StartAsync(async context =>
    {
        while (!_finished)
        {
            context.UpdateTarget(Dashboard());
            await Task.Delay(Refresh).ConfigureAwait(false);
        }

        context.UpdateTarget(Dashboard());
    });

    // Measured at every refresh, so a resized terminal gets the layout that fits it.
    private Spectre.Console.Rendering.IRenderable Dashboard() =>
        DemoDashboard.Render(Snapshot(), AnsiConsole.Profile.Width, AnsiConsole.Profile.Height);

    /// <summary>Without a terminal: one progress line every 10 simulated seconds and one at the end (events are printed as they happen).</summary>
    private async Task PlainProgressAsync()
    {
        const double every = 10;
        double next = every;
        while (!_finished)
        {
            await Task.Delay(Refresh).ConfigureAwait(false);
            if (_driveEnded == null && Elapsed.TotalSeconds >= next)
            {
                Console.WriteLine(DemoDashboard.PlainLine(Snapshot()));
                next = (Math.Floor(Elapsed.TotalSeconds / every) + 1) * every;
            }
        }

        Console.WriteLine(DemoDashboard.PlainLine(Snapshot()));
    }

    private int Report(TelemetryPublisherCounters p, TelemetryConsumerCounters c, SimulationSummary? simulated, IReadOnlyList<long> lost,
        bool drained, bool interrupted, string queueDirectory)
    {
        string geoJson = Path.Combine(_settings.OutDirectory, "track.geojson"), gpx = Path.Combine(_settings.OutDirectory, "track.gpx");
        using (FileStream file = File.Create(geoJson))
        {
            TrackExport.WriteGeoJson(file, new[] { _platformTrack });
        }

        using (FileStream file = File.Create(gpx))
        {
            TrackExport.WriteGpx(file, new[] { _platformTrack });
        }

        (string Line, bool Ok)? jt808 = _jt808?.Summary();
        (string Line, bool Ok)? rdss = _rdss?.Summary(c);
        bool ok = lost.Count == 0 && drained && p.Undelivered == 0 && jt808 is null or { Ok: true } && rdss is null or { Ok: true };
        var text = new List<string?>
        {
            string.Empty,
            $"edgesdk demo: summary{(interrupted ? " (interrupted)" : string.Empty)} — {Title}",
            Line("drive", $"{_platformTrack.DistanceMeters / 1000:0.00} km in {Clock(Elapsed)} simulated ({(simulated == null ? string.Empty : $"{simulated.Epochs} epochs ")}from the casic receiver on {_serialPath})"),
            Line("fixes", $"{_fixes} computed, {_positioned} with a position; " + (_availability.Losses == 0 ? "never lost" : $"lost {_availability.Losses} time(s)")
                + (_longestWithoutFix > TimeSpan.Zero ? $", longest gap {Clock(_longestWithoutFix)}" : string.Empty)
                + (_availability.HasPosition ? string.Empty : ", no fix at the end")),
            Line("device", $"{p.Accepted} queued on disk, {p.Published} published ({p.Batches} batches), {p.Acknowledged} acknowledged, {p.Queued} still queued, {p.Undelivered - p.Rejected} dropped, {p.Rejected} refused"),
            Line("platform", $"{c.Fixes} received, {c.Duplicates} duplicates dropped, {lost.Count} lost"),
            jt808 is { } j ? Line("jt808", j.Line) : null,
            rdss is { } r ? Line("satellite", r.Line) : null,
            Line("bytes/fix", p.BytesPerFix.ToString("0.0", CultureInfo.InvariantCulture) + " (protobuf payload on the wire, resends included)"),
            Line("files", $"{geoJson}, {gpx} ({_platformTrack.Points.Count} points, as received by the platform)"),
        };
        if (lost.Count > 0)
        {
            text.Add($"LOST: the broker acknowledged sequence numbers the platform never received: {string.Join(", ", lost.Take(20))}{(lost.Count > 20 ? ", ..." : string.Empty)}");
        }

        if (!drained)
        {
            text.Add($"NOT FLUSHED: {p.Queued} fixes are still queued in {queueDirectory} ({p.LastError ?? "no acknowledgement yet"})");
        }

        text.Add(ok ? "OK: every fix the broker acknowledged reached the platform." : "FAILED: see above.");
        Console.WriteLine(string.Join(Environment.NewLine, text.OfType<string>()));
        return interrupted ? ExitCodes.Interrupted : ok ? ExitCodes.Ok : ExitCodes.DataProblem;
    }

    private static string Line(string name, string value) => $"  {name,-10} {value}";

    private static string Mode(GnssFix fix) => fix.Mode switch
    {
        FixMode.ThreeD => "3D",
        FixMode.TwoD => "2D",
        _ => "no fix",
    };

    private static string Clock(TimeSpan t) => t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
