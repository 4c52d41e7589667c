namespace EdgeSdk.Cockpit;

/// <summary>
/// Settings of the cockpit services, bound from the <c>Cockpit</c> section of appsettings.json by
/// <see cref="CockpitServiceCollectionExtensions.AddEdgeSdkCockpit"/>.
/// </summary>
/// <example>
/// <code>
/// "Cockpit": {
///   "SubscriberCapacity": 64,
///   "AlertRulesFile": "alert-rules.json",
///   "RouteFile": "route.geojson",
///   "OffRouteThresholdMeters": 50,
///   "Climate": { "Zones": [ "Row1.Driver", "Row1.Passenger" ], "MinTemperatureCelsius": 16, "MaxTemperatureCelsius": 30 }
/// }
/// </code>
/// </example>
public sealed class CockpitOptions
{
    /// <summary>The configuration section bound by default.</summary>
    public const string SectionName = "Cockpit";

    /// <summary>Unread items each stream subscriber (in-process or gRPC) keeps at most; beyond that its oldest are dropped and counted.</summary>
    public int SubscriberCapacity { get; set; } = 64;

    /// <summary>The alert rule file (JSON); null for the built-in rules (see the README).</summary>
    public string? AlertRulesFile { get; set; }

    /// <summary>How often the alert rules are evaluated besides on every signal change (for time-based conditions), milliseconds.</summary>
    public int AlertEvaluationIntervalMilliseconds { get; set; } = 200;

    /// <summary>A GeoJSON LineString route set when navigation starts; null for none.</summary>
    public string? RouteFile { get; set; }

    /// <summary>The datum of <see cref="RouteFile"/>'s coordinates.</summary>
    public Protocol.Datum RouteDatum { get; set; } = Protocol.Datum.Wgs84;

    /// <summary>Cross-track distance beyond which the vehicle is off the route, meters.</summary>
    public double OffRouteThresholdMeters { get; set; } = 50;

    /// <summary>Climate settings.</summary>
    public ClimateOptions Climate { get; set; } = new();
}
