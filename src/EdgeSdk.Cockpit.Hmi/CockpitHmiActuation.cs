namespace EdgeSdk.Cockpit.Hmi;

/// <summary>What became of a request from the page (a temperature step, a volume change).</summary>
/// <param name="Succeeded">True when the databroker accepted the new target.</param>
/// <param name="StatusCode">HTTP status for the page: 200, 400 (bad value), 404 (unknown zone or signal), 503 (no provider).</param>
/// <param name="Message">Empty on success; otherwise one line naming the zone or signal and what to do.</param>
public readonly record struct CockpitHmiActuation(bool Succeeded, int StatusCode, string Message)
{
    /// <summary>The accepted result.</summary>
    public static CockpitHmiActuation Ok { get; } = new(true, 200, "");
}
