namespace EdgeSdk.Telemetry;

/// <summary>The MQTT topic layout: <c>edgesdk/v1/{fleet}/{device}/fix|event|status</c>.</summary>
public static class TelemetryTopics
{
    /// <summary>The first topic levels, which carry the schema's major version.</summary>
    public const string Root = "edgesdk/v1";

    /// <summary>Topic of a device's fix batches.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="deviceId">The device.</param>
    public static string Fix(string fleet, string deviceId) => $"{Root}/{fleet}/{deviceId}/fix";

    /// <summary>Topic of a device's events.</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="deviceId">The device.</param>
    public static string Event(string fleet, string deviceId) => $"{Root}/{fleet}/{deviceId}/event";

    /// <summary>Topic of a device's retained status (online at connect, offline as its Last Will).</summary>
    /// <param name="fleet">The fleet.</param>
    /// <param name="deviceId">The device.</param>
    public static string Status(string fleet, string deviceId) => $"{Root}/{fleet}/{deviceId}/status";

    /// <summary>Splits <c>edgesdk/v1/{fleet}/{device}/{kind}</c>; false for any other topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="fleet">The fleet level.</param>
    /// <param name="deviceId">The device level.</param>
    /// <param name="kind">fix, event or status.</param>
    public static bool TryParse(string topic, out string fleet, out string deviceId, out string kind)
    {
        fleet = deviceId = kind = string.Empty;
        string[] parts = (topic ?? string.Empty).Split('/');
        if (parts.Length != 5 || $"{parts[0]}/{parts[1]}" != Root)
        {
            return false;
        }

        (fleet, deviceId, kind) = (parts[2], parts[3], parts[4]);
        return true;
    }
}
