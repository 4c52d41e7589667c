namespace EdgeSdk.Telemetry.Tests;

/// <summary>Issue 19, item 10: fleet and device names are checked once, for topics and queue paths alike.</summary>
public class TelemetryNamesTests
{
    private const string Allowed = "use 1–64 letters, digits, '-', '_' or '.', not '.' or '..'";

    [Theory]
    [InlineData("truck-042")]
    [InlineData("fleet_A.2")]
    [InlineData("京A12345")] // a Chinese plate number
    [InlineData("..a")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")] // 64
    public void Valid_names(string name)
    {
        Assert.True(TelemetryNames.IsValid(name));
        TelemetryNames.Validate(name, "device");
    }

    [Theory]
    [InlineData("#", "device '#' is not allowed: " + Allowed)]
    [InlineData("+", "device '+' is not allowed: " + Allowed)]
    [InlineData("a/b", "device 'a/b' is not allowed: " + Allowed)]
    [InlineData("", "device '' is not allowed: " + Allowed)]
    [InlineData("..", "device '..' is not allowed: " + Allowed)]
    [InlineData(".", "device '.' is not allowed: " + Allowed)]
    [InlineData("a\\b", "device 'a\\b' is not allowed: " + Allowed)]
    [InlineData("a b", "device 'a b' is not allowed: " + Allowed)]
    [InlineData("$SYS", "device '$SYS' is not allowed: " + Allowed)]
    [InlineData("a\nb", "device 'a\\u000ab' is not allowed: " + Allowed)]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234", "device '01234567890123456789012345678901234567890123456789012345678901234' is not allowed: " + Allowed)] // 65
    public void Invalid_names_are_one_error_naming_the_value_and_the_allowed_set(string name, string message)
    {
        Assert.False(TelemetryNames.IsValid(name));
        Assert.Equal(message, Assert.Throws<TelemetryNameException>(() => TelemetryNames.Validate(name, "device")).Message);
    }

    [Fact]
    public void The_consumer_accepts_plus_as_all_but_no_other_wildcard()
    {
        TelemetryNames.ValidateFilter("+", "fleet");
        TelemetryNames.ValidateFilter("demo", "fleet");
        Assert.Equal("fleet '#' is not allowed: " + Allowed + ", or + for all",
            Assert.Throws<TelemetryNameException>(() => new TelemetryConsumer(new TelemetryConsumerOptions { Fleet = "#" })).Message);
        Assert.Equal("device 'a/b' is not allowed: " + Allowed + ", or + for all",
            Assert.Throws<TelemetryNameException>(() => new TelemetryConsumer(new TelemetryConsumerOptions { DeviceId = "a/b" })).Message);
    }

    [Fact]
    public void Queue_paths_and_the_publisher_use_the_same_rule()
    {
        Assert.Equal("fleet '..' is not allowed: " + Allowed,
            Assert.Throws<TelemetryNameException>(() => TelemetryPublisherOptions.DefaultQueueDirectory("..", "truck")).Message);
        Assert.Equal("device '../../etc' is not allowed: " + Allowed,
            Assert.Throws<TelemetryNameException>(() => TelemetryPublisherOptions.DefaultQueueDirectory("demo", "../../etc")).Message);
        Assert.EndsWith(Path.Combine("edgesdk", "queue", "demo", "truck-042"), TelemetryPublisherOptions.DefaultQueueDirectory("demo", "truck-042"));
        Assert.Equal("device ID '#' is not allowed: " + Allowed,
            Assert.Throws<TelemetryNameException>(() => new TelemetryPublisher(new TelemetryPublisherOptions { DeviceId = "#", Fleet = "demo", QueueDirectory = Path.GetTempPath() })).Message);
    }
}
