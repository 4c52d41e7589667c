using System.Net;
using Microsoft.AspNetCore.Http;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// Keeps web pages out of the HMI. Binding to loopback does not stop a browser on the head unit: any page it opens
/// may POST to <c>http://127.0.0.1:8080/api/...</c> (a body-less POST is a "simple" request, sent without a CORS
/// preflight), and a page whose DNS name is re-pointed at 127.0.0.1 (DNS rebinding) may read <c>/events</c>. So:
/// a request must name the HMI by an IP address, <c>localhost</c> or this machine's name (a rebinding page names
/// its own domain), and a POST from a browser must come from the HMI's own page (its Origin).
/// </summary>
internal static class CockpitHmiRequestGuard
{
    /// <summary>Why the request is refused, or null to serve it.</summary>
    public static string? Refusal(HttpRequest request)
    {
        if (!IsAllowedHost(request.Host.Host))
        {
            return $"host '{request.Host.Host}' refused: open the HMI by its IP address, localhost or {Environment.MachineName}";
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        string? origin = request.Headers.Origin;
        if (origin != null)
        {
            return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
                ? null
                : $"cross-origin request from {origin} refused: use the HMI's own page";
        }

        // No Origin: curl and scripts (allowed), or an old browser that still says where the request came from.
        string? site = request.Headers["Sec-Fetch-Site"];
        return site is "cross-site" or "same-site" ? "cross-site request refused: use the HMI's own page" : null;
    }

    /// <summary>An IP literal, <c>localhost</c> (or <c>*.localhost</c>), or this machine's name (with or without <c>.local</c>).</summary>
    public static bool IsAllowedHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return true;
        }

        string machine = Environment.MachineName;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.Equals(machine, StringComparison.OrdinalIgnoreCase)
            || host.Equals(machine + ".local", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The refusal as the API's error shape: 403 with <c>{"ok":false,"error":...}</c>.</summary>
    public static IResult Forbidden(string reason) =>
        Results.Json(new CockpitHmiReply(false, reason), CockpitHmiEndpoints.Json.CockpitHmiReply, statusCode: StatusCodes.Status403Forbidden);
}
