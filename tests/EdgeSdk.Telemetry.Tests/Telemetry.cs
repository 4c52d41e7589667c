namespace EdgeSdk.Telemetry.Tests;

/// <summary>Publishers and consumers as the tests use them: quick reconnects, temporary queue directories.</summary>
public static class Telemetry
{
    public static MqttConnectionOptions Connection(Uri broker, string? clientId = null, string? username = null, string? password = null) => new()
    {
        BrokerUri = broker,
        ClientId = clientId,
        Username = username,
        Password = password,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    public static TelemetryPublisher Publisher(MqttConnectionOptions connection, string device, string queueDirectory, int capacity = 86_400, int batch = 10) => new(new TelemetryPublisherOptions
    {
        DeviceId = device,
        Fleet = "test",
        Connection = connection,
        QueueDirectory = queueDirectory,
        QueueCapacity = capacity,
        BatchSize = batch,
        BatchMaxDelay = TimeSpan.FromMilliseconds(500),
    });

    public static async Task<(TelemetryConsumer Consumer, Collector Collector)> ConsumerAsync(MqttConnectionOptions connection, int maxPayloadBytes = 64 * 1024)
    {
        var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = connection, Fleet = "test", MaxPayloadBytes = maxPayloadBytes });
        await consumer.StartAsync();
        return (consumer, new Collector(consumer));
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("edgesdk-telemetry-").FullName;
}
