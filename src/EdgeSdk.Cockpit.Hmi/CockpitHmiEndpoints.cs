using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// The HMI's HTTP surface, for any ASP.NET Core host: the page (<c>/</c>, <c>/hmi.js</c>, <c>/hmi.css</c>, from the
/// assembly's embedded resources), the live stream (<c>/events</c>, server-sent events), the page's requests
/// (<c>POST /api/climate/temperature?zone=Row1.Driver&amp;celsius=21.5</c>, <c>POST /api/media/volume?percent=40</c>) and the counters (<c>/api/stats</c>).
/// Other web pages are refused (403): a foreign <c>Host</c> (DNS rebinding) or a foreign <c>Origin</c> on a POST
/// (cross-site request forgery); see docs/security.md.
/// </summary>
public static class CockpitHmiEndpoints
{
    private const string ResourcePrefix = "EdgeSdk.Cockpit.Hmi.wwwroot.";

    // The options ASP.NET Core uses for Results.Json without any (web defaults, relaxed escaping: the answers are not
    // embedded in HTML, so ' and & print as they are), plus: "error" left out when there is none.
    internal static readonly CockpitHmiJsonContext Json = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    // name -> (content type, bytes, ETag), read once from the assembly.
    private static readonly Dictionary<string, (string ContentType, byte[] Body, string ETag)> Assets = LoadAssets();

    /// <summary>Maps the HMI at the root of <paramref name="endpoints"/>.</summary>
    public static IEndpointRouteBuilder MapCockpitHmi(this IEndpointRouteBuilder endpoints, CockpitHmi hmi)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(hmi);
        foreach ((string name, (string contentType, byte[] body, string etag)) in Assets)
        {
            string route = name == "index.html" ? "/" : "/" + name;
            endpoints.MapGet(route, (HttpContext context) =>
            {
                context.Response.Headers.ETag = etag;
                context.Response.Headers.CacheControl = "no-cache";
                if (context.Request.Headers.IfNoneMatch == etag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                return Results.Bytes(body, contentType);
            }).AddEndpointFilter(GuardAsync);
        }

        endpoints.MapGet("/events", (HttpContext context) => StreamEventsAsync(context, hmi.Hub));
        endpoints.MapPost("/api/climate/temperature", async (string? zone, string? celsius, CancellationToken cancellationToken) =>
            ToResult(zone == null || !float.TryParse(celsius, NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
                ? new CockpitHmiActuation(false, 400, "give ?zone=Row1.Driver&celsius=21.5")
                : await hmi.SetTemperatureAsync(zone, value, cancellationToken).ConfigureAwait(false))).AddEndpointFilter(GuardAsync);
        endpoints.MapPost("/api/media/volume", async (string? percent, CancellationToken cancellationToken) =>
            ToResult(!uint.TryParse(percent, NumberStyles.None, CultureInfo.InvariantCulture, out uint value)
                ? new CockpitHmiActuation(false, 400, "give ?percent=0..100")
                : await hmi.SetVolumeAsync(value, cancellationToken).ConfigureAwait(false))).AddEndpointFilter(GuardAsync);
        endpoints.MapGet("/api/stats", () => Results.Json(new Dictionary<string, long>
        {
            ["clients"] = hmi.Hub.ClientCount,
            ["clientsConnected"] = hmi.Hub.ClientsConnected,
            ["clientsDisconnected"] = hmi.Hub.ClientsDisconnected,
            ["published"] = hmi.Hub.Published,
            ["dropped"] = hmi.Hub.Dropped,
            ["vssDropped"] = hmi.VssDropped,
            ["fixes"] = hmi.Fixes,
            ["actuations"] = hmi.Actuations,
            ["refused"] = hmi.Refused,
        }, Json.DictionaryStringInt64)).AddEndpointFilter(GuardAsync);
        return endpoints;
    }

    // Every route but /events (a plain request delegate, which filters do not wrap: it checks for itself).
    private static ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        CockpitHmiRequestGuard.Refusal(context.HttpContext.Request) is { } refusal
            ? ValueTask.FromResult<object?>(CockpitHmiRequestGuard.Forbidden(refusal))
            : next(context);

    private static IResult ToResult(CockpitHmiActuation result) =>
        result.Succeeded
            ? Results.Json(new CockpitHmiReply(true, null), Json.CockpitHmiReply)
            : Results.Json(new CockpitHmiReply(false, result.Message), Json.CockpitHmiReply, statusCode: result.StatusCode);

    // One browser: its queue from the hub, written as server-sent events until the browser goes away.
    private static async Task StreamEventsAsync(HttpContext context, CockpitHmiHub hub)
    {
        if (CockpitHmiRequestGuard.Refusal(context.Request) is { } refusal)
        {
            await CockpitHmiRequestGuard.Forbidden(refusal).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using CockpitHmiClient client = hub.Connect();
        // The stream ends when the browser goes or the host stops (a server-sent stream never ends by itself).
        CancellationToken stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        CancellationToken aborted = linked.Token;
        Stream body = context.Response.Body;
        try
        {
            await body.WriteAsync(": connected\n\n"u8.ToArray(), aborted).ConfigureAwait(false);
            await body.FlushAsync(aborted).ConfigureAwait(false);
            while (await client.Messages.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                // Everything queued goes out in one flush: a browser that fell behind catches up in one write.
                while (client.Messages.TryRead(out string? json))
                {
                    await body.WriteAsync(Encoding.UTF8.GetBytes("data: " + json + "\n\n"), aborted).ConfigureAwait(false);
                }

                await body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The browser went away mid-write; counted as a disconnect when the client is disposed.
        }
    }

    private static Dictionary<string, (string, byte[], string)> LoadAssets()
    {
        var assets = new Dictionary<string, (string, byte[], string)>(StringComparer.Ordinal);
        Assembly assembly = typeof(CockpitHmiEndpoints).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] body = copy.ToArray();
            string name = resource[ResourcePrefix.Length..];
            string contentType = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = (contentType, body, "\"" + Convert.ToHexString(SHA256.HashData(body))[..16] + "\"");
        }

        return assets;
    }
}
