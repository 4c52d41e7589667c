using System.CommandLine;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk track SOURCE --mqtt URI --device ID [--rdss PORT --rdss-centre ID]</c>: a receiver's fixes to MQTT, store-and-forward, with the BeiDou satellite fallback (<see cref="RdssTrackLeg"/>).</summary>
internal static class TrackCommand
{
    public const int ExitStillQueued = ExitCodes.DeliveredLater;

    /// <summary>After Ctrl+C, how long the broker gets to acknowledge what is in flight; the rest stays on disk.</summary>
    private static readonly TimeSpan FlushAfterInterrupt = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "serial:/dev/ttyUSB0?baud=9600, tcp://host:port, udp://:port, a file, or - for stdin",
        };
        var device = new Option<string>("--device") { Description = "This device's ID (one topic level); required unless --jt808" };
        var fleet = new Option<string>("--fleet") { Description = "Fleet (one topic level)", DefaultValueFactory = _ => "default" };
        var queue = new Option<string?>("--queue") { Description = "Durable queue directory (default: ~/.local/state/edgesdk/queue/FLEET/DEVICE)" };
        var realtime = new Option<bool>("--realtime") { Description = "Replay a file at the pace of its sentence times" };
        var drain = new Option<int>("--drain-seconds") { Description = "When the source ends, wait this long for the broker to acknowledge the rest", DefaultValueFactory = _ => 15 };
        var hold = new Option<bool>("--hold-without-subscriber")
        {
            Description = "Keep fixes queued while the broker has no subscriber for them (MQTT 5 PUBACK 0x10) and send them again later: " +
                "for a platform on shared subscriptions, which mosquitto 2.0 forgets on restart. With no consumer at all the queue only grows (until full, then the oldest are dropped)",
        };
        var command = new Command("track", "Publish a receiver's fixes over MQTT (protobuf batches, QoS 1) through a durable on-disk queue.");
        command.Arguments.Add(source);
        MqttOptions connection = MqttOptions.AddTo(command);
        command.Options.Add(device);
        command.Options.Add(fleet);
        command.Options.Add(queue);
        command.Options.Add(realtime);
        command.Options.Add(drain);
        command.Options.Add(hold);
        Jt808TrackLeg.Options jt808 = Jt808TrackLeg.Add(command);
        RdssTrackLeg.Options rdss = RdssTrackLeg.Add(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(jt808.Platform) == null && result.GetResult(device) == null)
            {
                // The same words as System.CommandLine's own required-option error: the line scripts and tests already know.
                result.AddError("Option '--device' is required.");
            }

            if (result.GetValue(jt808.Platform) != null && result.GetValue(hold))
            {
                result.AddError("--hold-without-subscriber is for the MQTT path; a JT/T 808 platform acknowledges every report itself");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (Jt808TrackLeg.Requested(parseResult, jt808))
            {
                return await Jt808TrackLeg.RunAsync(parseResult, jt808, parseResult.GetValue(source)!, parseResult.GetValue(queue), parseResult.GetValue(realtime),
                    parseResult.GetValue(drain), cancellationToken);
            }

            string sourceUri = parseResult.GetValue(source)!, deviceId = parseResult.GetValue(device)!, fleetName = parseResult.GetValue(fleet)!;
            string queueDirectory = parseResult.GetValue(queue) ?? TelemetryPublisherOptions.DefaultQueueDirectory(fleetName, deviceId);
            OutputFolder.Prepare(queueDirectory, parseResult.GetValue(queue) == null ? "the queue folder" : "--queue", ownerOnly: true);
            await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
            {
                DeviceId = deviceId,
                Fleet = fleetName,
                QueueDirectory = queueDirectory,
                Connection = connection.Read(parseResult),
                HoldWhenNoSubscriber = parseResult.GetValue(hold),
            });
            publisher.EventRaised += (_, e) => Console.Error.WriteLine($"edgesdk track: {e.Message}");
            await using GnssReceiver receiver = GnssReceiver.Open(sourceUri, new GnssReceiverOptions { Realtime = parseResult.GetValue(realtime) });
            receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk track: {e.Text}");
            await publisher.StartAsync(cancellationToken);
            await using RdssTrackLeg? satellite = await RdssTrackLeg.StartAsync(parseResult, rdss, publisher, cancellationToken);
            if (publisher.Recovery is { RecordsRecovered: > 0 } recovery)
            {
                Console.Error.WriteLine($"edgesdk track: {recovery.RecordsRecovered} fixes from a previous run are still queued in {queueDirectory}");
            }

            long produced = 0;
            // A finite source (file, stdin) replayed at full speed waits for the queue writer (back-pressure, nothing
            // refused); a live receiver never waits, and what the full hand-off refuses is counted and reported.
            bool finite = receiver.Source.IsFinite;
            try
            {
                await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
                {
                    produced++;
                    if (finite)
                    {
                        await publisher.EnqueueAsync(fix, cancellationToken);
                    }
                    else
                    {
                        publisher.TryEnqueue(fix);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: what is queued stays on disk for the next run.
            }

            bool interrupted = cancellationToken.IsCancellationRequested;
            bool drained = await publisher.WaitUntilDrainedAsync(
                interrupted ? FlushAfterInterrupt : TimeSpan.FromSeconds(parseResult.GetValue(drain)), CancellationToken.None);
            TelemetryPublisherCounters status = publisher.Counters;
            // Every fix the receiver produced is accounted for: handed over, or refused at the hand-off or the store.
            Console.WriteLine($"edgesdk track: {produced} fixes, {status.Acknowledged} acknowledged, {status.Queued} queued, " +
                $"{status.Dropped} dropped, {status.HandoffDropped + status.StoreFailures} refused, {status.Lost} lost, {status.Rejected} refused by the broker, {status.BytesPerFix:F1} bytes/fix");
            if (satellite != null)
            {
                Console.WriteLine(satellite.Summary());
            }
            if (status.Undelivered > 0)
            {
                Console.Error.WriteLine($"edgesdk track: not every fix was delivered: {status.HandoffDropped} refused at the hand-off, " +
                    $"{status.StoreFailures} refused by the queue in {queueDirectory}{(status.StoreError is { } error ? $" ({error})" : string.Empty)}, " +
                    $"{status.Dropped} dropped from the full queue, {status.Lost} lost to queue damage, {status.Rejected} refused by the broker");
                return ExitCodes.DataProblem;
            }

            if (drained)
            {
                return interrupted ? ExitCodes.Interrupted : ExitCodes.Ok;
            }

            Console.Error.WriteLine($"edgesdk track: {status.Queued} fixes are still queued in {queueDirectory} " +
                $"(broker {parseResult.GetValue(connection.Mqtt)}: {status.LastError ?? "no acknowledgement yet"}); the next run sends them");
            return interrupted ? ExitCodes.Interrupted : ExitStillQueued;
        });
        return command;
    }
}
