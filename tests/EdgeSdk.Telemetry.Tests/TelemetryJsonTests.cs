namespace EdgeSdk.Telemetry.Tests;

public sealed class TelemetryJsonTests
{
    private static readonly DateTime Sent = new(2026, 11, 30, 8, 15, 30, 250, DateTimeKind.Utc);

    [Fact]
    public void A_device_status_is_one_line_marked_STATUS()
    {
        var status = new ReceivedDeviceStatus("logistics", "truck-7", Online: false, Retained: true, QueuedFixes: 42, DroppedFixes: 3, "1.2.0", Sent);
        Assert.Equal(
            "{\"class\":\"STATUS\",\"fleet\":\"logistics\",\"device\":\"truck-7\",\"online\":false,\"retained\":true,\"queued\":42,\"dropped\":3,\"version\":\"1.2.0\",\"sent\":\"2026-11-30T08:15:30.250Z\"}",
            TelemetryJson.Format(status));
    }

    [Fact]
    public void A_device_event_is_one_line_marked_EVENT_with_its_kind_by_name()
    {
        var deviceEvent = new ReceivedDeviceEvent("logistics", "truck-7", DeviceEventKind.FixesDropped, 17, "queue full: \"oldest\" dropped", 5, Sent);
        Assert.Equal(
            "{\"class\":\"EVENT\",\"fleet\":\"logistics\",\"device\":\"truck-7\",\"kind\":\"FixesDropped\",\"count\":17,\"detail\":\"queue full: \\u0022oldest\\u0022 dropped\",\"seq\":5,\"sent\":\"2026-11-30T08:15:30.250Z\"}",
            TelemetryJson.Format(deviceEvent));
    }
}
