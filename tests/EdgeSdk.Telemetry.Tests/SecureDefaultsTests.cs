using System.Runtime.Versioning;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>
/// Issue 16, item 5 (docs/security.md): plain MQTT only to a loopback broker unless allowed on purpose, the
/// password file's rule, one typed name error, and owner-only queue directories.
/// </summary>
[UnsupportedOSPlatform("windows")] // Unix file modes
public sealed class SecureDefaultsTests : IDisposable
{
    // TEST-NET-1 (RFC 5737): never routed. Nothing here connects to it: the refusal comes before any socket.
    private const string RemoteHost = "192.0.2.10";
    private readonly string _directory = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("mqtt://127.0.0.1:1883", true)]
    [InlineData("mqtt://127.8.9.10:1883", true)]
    [InlineData("mqtt://localhost:1883", true)]
    [InlineData("mqtt://LOCALHOST", true)]
    [InlineData("mqtt://[::1]:1883", true)]
    [InlineData("mqtt://192.0.2.10:1883", false)]
    [InlineData("mqtt://[2001:db8::1]:1883", false)]
    [InlineData("mqtt://broker.example.com", false)]
    [InlineData("mqtt://localhost.example.com", false)] // a name is not resolved: only "localhost" itself counts
    [InlineData("mqtt://0.0.0.0:1883", false)]
    public void Loopback_is_localhost_or_a_loopback_address_never_a_resolved_name(string uri, bool loopback)
    {
        var options = MqttConnectionOptions.FromUser(uri);
        Assert.Equal(loopback, options.IsLoopbackBroker);
        if (loopback)
        {
            options.EnsureTransportAllowed(); // plain is fine on this machine
        }
        else
        {
            Assert.Throws<ArgumentException>(options.EnsureTransportAllowed);
        }
    }

    [Fact]
    public void Plain_MQTT_to_a_remote_broker_is_refused_by_the_publisher_and_the_consumer_before_connecting()
    {
        const string Expected = "the broker mqtt://192.0.2.10:1883 is not on this machine and mqtt:// is not encrypted: " +
            "use mqtts://192.0.2.10:8883, or --insecure (AllowInsecure) to send in plain text on purpose";
        var plain = MqttConnectionOptions.FromUser($"mqtt://{RemoteHost}:1883", "truck", "hunter2-secret");

        ArgumentException publisher = Assert.Throws<ArgumentException>(() => new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-1", Fleet = "demo", QueueDirectory = Path.Combine(_directory, "q"), Connection = plain,
        }));
        Assert.Equal(Expected, publisher.Message);
        Assert.False(Directory.Exists(Path.Combine(_directory, "q"))); // refused before anything was created

        ArgumentException consumer = Assert.Throws<ArgumentException>(() => new TelemetryConsumer(new TelemetryConsumerOptions { Connection = plain }));
        Assert.Equal(Expected, consumer.Message);
        Assert.DoesNotContain("hunter2", consumer.Message + plain);
    }

    [Fact]
    public async Task TLS_or_AllowInsecure_lets_a_remote_broker_through_and_says_so()
    {
        var tls = MqttConnectionOptions.FromUser($"mqtts://{RemoteHost}");
        tls.EnsureTransportAllowed();
        Assert.Equal("mqtts://192.0.2.10:8883", tls.ToString());

        MqttConnectionOptions insecure = MqttConnectionOptions.FromUser($"mqtt://{RemoteHost}:1883") with { AllowInsecure = true };
        insecure.EnsureTransportAllowed();
        Assert.Equal("mqtt://192.0.2.10:1883 (insecure: plain text)", insecure.ToString());
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = insecure }); // constructed, never started

        Assert.Equal("mqtt://127.0.0.1:1883", (MqttConnectionOptions.FromUser("mqtt://127.0.0.1") with { AllowInsecure = true }).ToString());
    }

    [Fact]
    public void A_password_file_gives_its_first_line_only_when_no_one_else_can_read_it()
    {
        string file = Path.Combine(_directory, "mqtt-password");
        File.WriteAllText(file, "hunter2-secret\nsecond line ignored\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("hunter2-secret", MqttConnectionOptions.ReadPasswordFile(file));

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        IOException shared = Assert.Throws<IOException>(() => MqttConnectionOptions.ReadPasswordFile(file));
        Assert.Equal($"password file {file} can be read by other users: chmod 600 {file}", shared.Message);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.OtherRead);
        Assert.Throws<IOException>(() => MqttConnectionOptions.ReadPasswordFile(file));

        File.WriteAllText(file, "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        Assert.Equal($"password file {file} is empty: put the password on its first line",
            Assert.Throws<IOException>(() => MqttConnectionOptions.ReadPasswordFile(file)).Message);

        string missing = Path.Combine(_directory, "none");
        Assert.Equal($"password file {missing} not found", Assert.Throws<FileNotFoundException>(() => MqttConnectionOptions.ReadPasswordFile(missing)).Message);
    }

    [Theory]
    [InlineData("truck-1", TelemetryNameProblem.None)]
    [InlineData(null, TelemetryNameProblem.Empty)]
    [InlineData("", TelemetryNameProblem.Empty)]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123x", TelemetryNameProblem.TooLong)]
    [InlineData("..", TelemetryNameProblem.DotName)]
    [InlineData(".", TelemetryNameProblem.DotName)]
    [InlineData("fleet+", TelemetryNameProblem.MqttWildcard)]
    [InlineData("#", TelemetryNameProblem.MqttWildcard)]
    [InlineData("a/b", TelemetryNameProblem.LevelSeparator)]
    [InlineData("../etc", TelemetryNameProblem.LevelSeparator)]
    [InlineData("a\\b", TelemetryNameProblem.PathCharacter)]
    [InlineData("C:", TelemetryNameProblem.PathCharacter)]
    [InlineData("a\0b", TelemetryNameProblem.ControlCharacter)]
    [InlineData("a\u007fb", TelemetryNameProblem.ControlCharacter)]
    [InlineData("$SYS", TelemetryNameProblem.ReservedCharacter)]
    [InlineData("a b", TelemetryNameProblem.OtherCharacter)]
    [InlineData("a'b", TelemetryNameProblem.OtherCharacter)]
    public void Every_refused_name_has_a_typed_reason(string? name, TelemetryNameProblem expected)
    {
        Assert.Equal(expected, TelemetryNames.Check(name));
        Assert.Equal(expected == TelemetryNameProblem.None, TelemetryNames.IsValid(name));
        if (expected != TelemetryNameProblem.None)
        {
            TelemetryNameException error = Assert.Throws<TelemetryNameException>(() => TelemetryNames.Validate(name, "device"));
            Assert.Equal(expected, error.Problem);
            Assert.Equal(name, error.Name);
        }
    }

    [Fact]
    public void Publisher_consumer_and_queue_path_all_throw_the_typed_error()
    {
        Assert.Equal(TelemetryNameProblem.MqttWildcard, Assert.Throws<TelemetryNameException>(() => new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-1", Fleet = "#", QueueDirectory = _directory,
        })).Problem);
        Assert.Equal(TelemetryNameProblem.LevelSeparator, Assert.Throws<TelemetryNameException>(() => new TelemetryConsumer(new TelemetryConsumerOptions { DeviceId = "a/b" })).Problem);
        Assert.Equal(TelemetryNameProblem.ReservedCharacter, Assert.Throws<TelemetryNameException>(() => new TelemetryConsumer(new TelemetryConsumerOptions { SharedSubscriptionGroup = "$share" })).Problem);
        Assert.Equal(TelemetryNameProblem.DotName, Assert.Throws<TelemetryNameException>(() => TelemetryPublisherOptions.DefaultQueueDirectory("demo", "..")).Problem);
    }

    [Fact]
    public void The_durable_queue_creates_its_directory_and_missing_parents_owner_only()
    {
        string parent = Path.Combine(_directory, "state", "edgesdk");
        string queueDirectory = Path.Combine(parent, "demo", "truck-1");
        using (DurableQueue queue = DurableQueue.Open(new DurableQueueOptions { Directory = queueDirectory, Capacity = 10 }))
        {
            queue.Append([1, 2, 3]);
        }

        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(queueDirectory));
        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(Path.Combine(parent, "demo")));
        Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(parent));
        Assert.Equal((UnixFileMode)0b111_000_000, OwnerOnlyDirectory.Mode); // 0700

        // A folder the user made and shares on purpose keeps its mode.
        string shared = Path.Combine(_directory, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, OwnerOnlyDirectory.Mode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        using (DurableQueue.Open(new DurableQueueOptions { Directory = shared, Capacity = 10 }))
        {
        }

        Assert.Equal(OwnerOnlyDirectory.Mode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(shared));
    }

    [Fact]
    public async Task A_publisher_with_the_default_queue_directory_makes_it_owner_only()
    {
        string state = Path.Combine(_directory, "xdg-state");
        string? previous = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        string queueDirectory;
        try
        {
            Environment.SetEnvironmentVariable("XDG_STATE_HOME", state);
            queueDirectory = TelemetryPublisherOptions.DefaultQueueDirectory("demo", "truck-1");
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_STATE_HOME", previous);
        }

        Assert.Equal(Path.Combine(state, "edgesdk", "queue", "demo", "truck-1"), queueDirectory);
        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "truck-1", Fleet = "demo", QueueDirectory = queueDirectory,
            Connection = new MqttConnectionOptions { BrokerUri = new Uri("mqtt://127.0.0.1:1") },
        });
        await publisher.StartAsync(); // opens the queue; the (absent) broker is retried in the background
        foreach (string level in new[] { queueDirectory, Path.Combine(state, "edgesdk", "queue", "demo"), Path.Combine(state, "edgesdk") })
        {
            Assert.Equal(OwnerOnlyDirectory.Mode, File.GetUnixFileMode(level));
        }
    }
}
