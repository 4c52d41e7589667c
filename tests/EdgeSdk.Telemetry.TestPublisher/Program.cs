using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.TestPublisher;

// Usage: TestPublisher MQTT_URI DEVICE QUEUE_DIR FIRST COUNT RATE_HZ BATCH   (or: TestPublisher bench|rss MQTT_URI QUEUE_DIR,
// or TestPublisher nmea-latency MQTT_URI QUEUE_DIR [EPOCHS] [SPEEDUP] [IDLE_GAP_MS], or TestPublisher drop-offline MQTT_URI
// QUEUE_DIR CAPACITY COUNT)
// Publishes drive fixes FIRST..FIRST+COUNT-1 at RATE_HZ, prints one line per fix queued, waits until all
// are acknowledged, prints "drained". The tests kill it with SIGKILL part-way and start it again.
if (args is ["bench", string uri, string dir])
{
    return await Bench.RunAsync(MqttConnectionOptions.ParseBrokerUri(uri), dir);
}

if (args is ["rss", string rssUri, string rssDir])
{
    return await Bench.RssAsync(MqttConnectionOptions.ParseBrokerUri(rssUri), rssDir);
}

if (args is ["nmea-latency", string latencyUri, string latencyDir, .. string[] more])
{
    int epochs = more.Length > 0 ? int.Parse(more[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
    double speedup = more.Length > 1 ? double.Parse(more[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
    double gapMs = more.Length > 2 ? double.Parse(more[2], System.Globalization.CultureInfo.InvariantCulture) : 150;
    return await NmeaLatency.RunAsync(MqttConnectionOptions.ParseBrokerUri(latencyUri), latencyDir, epochs, speedup, TimeSpan.FromMilliseconds(gapMs));
}

// A device in a dead zone: no broker, the queue fills and drops its oldest fixes; prints "dropped N" once COUNT - CAPACITY
// are dropped and waits to be killed (the test's power cut, before any connection could report the drops).
if (args is ["drop-offline", string offlineUri, string offlineDir, string capacityText, string countText])
{
    int capacity = int.Parse(capacityText, System.Globalization.CultureInfo.InvariantCulture);
    int total = int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
    await using var offline = new TelemetryPublisher(new TelemetryPublisherOptions
    {
        DeviceId = "truck-dead-zone",
        Fleet = "test",
        QueueDirectory = offlineDir,
        QueueCapacity = capacity,
        Connection = new MqttConnectionOptions { BrokerUri = MqttConnectionOptions.ParseBrokerUri(offlineUri) },
    });
    await offline.StartAsync();
    foreach (GnssFix fix in SyntheticDrive.Fixes(total))
    {
        await offline.EnqueueAsync(fix);
    }

    while (offline.Counters.Dropped < total - capacity)
    {
        await Task.Delay(20);
    }

    Console.WriteLine($"dropped {offline.Counters.Dropped}");
    await Task.Delay(Timeout.Infinite);
}

if (args.Length != 7)
{
    Console.Error.WriteLine("usage: TestPublisher MQTT_URI DEVICE QUEUE_DIR FIRST COUNT RATE_HZ BATCH");
    return 2;
}

int first = int.Parse(args[3]), count = int.Parse(args[4]), rate = int.Parse(args[5]), batch = int.Parse(args[6]);
await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
{
    DeviceId = args[1],
    Fleet = "test",
    QueueDirectory = args[2],
    BatchSize = batch,
    BatchMaxDelay = TimeSpan.FromSeconds(2),
    Connection = new MqttConnectionOptions
    {
        BrokerUri = MqttConnectionOptions.ParseBrokerUri(args[0]),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
    },
});
try
{
    await publisher.StartAsync();
}
catch (IOException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}"); // e.g. the queue directory is in use by another publisher
    return 2;
}

Console.WriteLine($"recovered {publisher.Recovery!.RecordsRecovered} next {publisher.Counters.NextSequence}");
using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate));
int k = first;
foreach (GnssFix fix in SyntheticDrive.Fixes(count, first))
{
    await timer.WaitForNextTickAsync();
    if (!publisher.TryEnqueue(fix))
    {
        Console.Error.WriteLine("hand-off full");
        return 1;
    }

    TelemetryPublisherCounters status = publisher.Counters;
    Console.WriteLine($"fix {k++} queued {status.Queued} acknowledged {status.Acknowledged}");
}

bool drained = await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(60));
Console.WriteLine(drained ? $"drained next {publisher.Counters.NextSequence}" : "not drained");
return drained ? 0 : 1;
