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

    /// <summary>Throws unless <paramref name="level"/> is a valid name (see <see cref="TelemetryNames.IsValid"/>).</summary>
    /// <param name="level">The device ID, fleet or shared-subscription group.</param>
    /// <param name="what">What it is, for the message.</param>
    /// <exception cref="ArgumentException">Not a valid name; the message names it and the allowed set.</exception>
    public static void ValidateLevel(string level, string what) => TelemetryNames.Validate(level, what);

    /// <summary>Splits <c>edgesdk/v1/{fleet}/{device}/{kind}</c>; false for any other topic.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="fleet">The fleet level.</param>
    /// <param name="device">The device level.</param>
    /// <param name="kind">fix, event or status.</param>
    public static bool TryParse(string topic, out string fleet, out string device, out string kind)
    {
        fleet = device = kind = string.Empty;
        string[] parts = (topic ?? string.Empty).Split('/');
        if (parts.Length != 5 || $"{parts[0]}/{parts[1]}" != Root)
        {
            return false;
        }

        (fleet, device, kind) = (parts[2], parts[3], parts[4]);
        return true;
    }
}
