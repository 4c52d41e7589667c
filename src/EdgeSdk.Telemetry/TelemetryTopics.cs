namespace EdgeSdk.Telemetry;

/// <summary>The MQTT topic layout: <c>edgesdk/v1/{fleet}/{device}/fix|event|status</c>.</summary>
public static class TelemetryTopics
{
    /// <summary>The first topic levels, which carry the schema's major version.</summary>
    public const string Root = "edgesdk/v1";

    /// <summary>Topic of a device's fix batches.</summary>
    public static string Fix(string fleet, string device) => $"{Root}/{fleet}/{device}/fix";

    /// <summary>Topic of a device's events.</summary>
    public static string Event(string fleet, string device) => $"{Root}/{fleet}/{device}/event";

    /// <summary>Topic of a device's retained status (online at connect, offline as its Last Will).</summary>
    public static string Status(string fleet, string device) => $"{Root}/{fleet}/{device}/status";
}
