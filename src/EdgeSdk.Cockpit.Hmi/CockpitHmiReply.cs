namespace EdgeSdk.Cockpit.Hmi;

/// <summary>The body of the page's requests' answers: <c>{"ok":true}</c> or <c>{"ok":false,"error":"..."}</c>.</summary>
/// <param name="Ok">Whether the request was carried out.</param>
/// <param name="Error">Why not (left out when <paramref name="Ok"/>).</param>
internal sealed record CockpitHmiReply(bool Ok, string? Error);
