using System.CommandLine;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk subscribe --mqtt URI [--fleet F] [--device ID] [--events]</c>: decoded fixes (and device status and events) as JSON lines.</summary>
internal static class SubscribeCommand
{
    public static Command Create()
    {
        var fleet = new Option<string>("--fleet") { Description = "Fleet to follow (+ for all)", DefaultValueFactory = _ => "+" };
        var device = new Option<string>("--device") { Description = "Device to follow (+ for all)", DefaultValueFactory = _ => "+" };
        var group = new Option<string?>("--group") { Description = "MQTT 5 shared-subscription group: consumers in one group split the fleet" };
        var count = new Option<int>("--count") { Description = "Exit after this many fixes (0: run until Ctrl+C)" };
        var clientId = new Option<string?>("--client-id")
        {
            Description = "Fixed MQTT client ID: a persistent session, so the broker keeps what arrives while this subscriber is away (default: a new ID, nothing kept)",
        };
        var events = new Option<bool>("--events")
        {
            Description = "Also print each device's status (online, queued, dropped) and events as JSON lines with \"class\":\"STATUS\" or \"EVENT\"",
        };
        var command = new Command("subscribe", "Print each fix received over MQTT as one JSON line with its device and sequence number (duplicates dropped).");
        MqttOptions connection = MqttOptions.AddTo(command);
        command.Options.Add(fleet);
        command.Options.Add(device);
        command.Options.Add(group);
        command.Options.Add(count);
        command.Options.Add(clientId);
        command.Options.Add(events);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string? id = parseResult.GetValue(clientId);
            await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
            {
                Connection = connection.Read(parseResult) with { ClientId = string.IsNullOrEmpty(id) ? null : id },
                Fleet = parseResult.GetValue(fleet)!,
                DeviceId = parseResult.GetValue(device)!,
                SharedSubscriptionGroup = parseResult.GetValue(group),
            });
            await consumer.StartAsync(cancellationToken);
            int limit = parseResult.GetValue(count), printed = 0;
            var devices = new HashSet<(string Fleet, string Device)>();
            using var stopSide = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task side = parseResult.GetValue(events) ? PrintStatusAndEventsAsync(consumer, stopSide.Token) : Task.CompletedTask;
            try
            {
                await foreach (ReceivedFix fix in consumer.ReadFixesAsync(cancellationToken))
                {
                    Console.Out.WriteLine(TelemetryJson.Format(fix)); // Console.Out is synchronized: lines never interleave
                    devices.Add((fix.Fleet, fix.DeviceId));
                    if (++printed == limit)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: the summary below is the goodbye.
            }

            await stopSide.CancelAsync();
            await side;

            // The summary counts what was printed: a batch of ten that arrives for --count 3 prints three.
            TelemetryConsumerCounters status = consumer.Counters;
            long unprinted = status.Fixes - printed;
            Console.Error.WriteLine($"edgesdk subscribe: {printed} fixes from {devices.Count} devices, {status.Duplicates} duplicates dropped, " +
                $"{status.Gaps} missing, {status.Malformed} malformed and {status.Oversized} oversized messages skipped" +
                (unprinted > 0 ? $"; {unprinted} more received after --count {limit} and not printed" : string.Empty));
            return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task PrintStatusAndEventsAsync(TelemetryConsumer consumer, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(
                Task.Run(async () =>
                {
                    await foreach (ReceivedDeviceStatus status in consumer.ReadDeviceStatusAsync(cancellationToken))
                    {
                        Console.Out.WriteLine(TelemetryJson.Format(status));
                    }
                }, CancellationToken.None),
                Task.Run(async () =>
                {
                    await foreach (ReceivedDeviceEvent deviceEvent in consumer.ReadDeviceEventsAsync(cancellationToken))
                    {
                        Console.Out.WriteLine(TelemetryJson.Format(deviceEvent));
                    }
                }, CancellationToken.None));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The fixes ended (--count or Ctrl+C): so do these.
        }
    }
}
