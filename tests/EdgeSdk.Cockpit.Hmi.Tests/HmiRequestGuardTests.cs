using System.Net;
using System.Text.Json;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>
/// docs/security.md, "the project's servers": loopback does not keep a browser's other pages out, so the HMI
/// refuses a foreign Host (DNS rebinding) and a foreign Origin on its POSTs (cross-site request forgery).
/// </summary>
public sealed class HmiRequestGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("hmi.localhost", true)]
    [InlineData("attacker.example", false)]
    [InlineData("localhost.attacker.example", false)]
    [InlineData("127.0.0.1.nip.io", false)]
    [InlineData("", false)]
    public void Hosts_are_IP_literals_localhost_or_this_machine(string host, bool allowed)
    {
        Assert.Equal(allowed, CockpitHmiRequestGuard.IsAllowedHost(host));
        Assert.True(CockpitHmiRequestGuard.IsAllowedHost(Environment.MachineName));
        Assert.True(CockpitHmiRequestGuard.IsAllowedHost(Environment.MachineName + ".local"));
    }

    [Fact]
    public async Task Other_sites_pages_are_refused_and_change_nothing_while_the_HMIs_own_page_and_scripts_pass()
    {
        await using InProcessCockpit cockpit = await InProcessCockpit.StartAsync();
        await using var server = new CockpitHmiServer(cockpit.Hmi, new IPEndPoint(IPAddress.Loopback, 0));
        await server.StartAsync();
        int port = server.LocalEndpoint.Port;
        using var http = new HttpClient { BaseAddress = server.Url };

        async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? host = null, string? origin = null, string? fetchSite = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (host != null)
            {
                request.Headers.Host = host;
            }

            if (origin != null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (fetchSite != null)
            {
                request.Headers.Add("Sec-Fetch-Site", fetchSite);
            }

            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            string body = response.StatusCode == HttpStatusCode.OK && path == "events" ? string.Empty : await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }

        // DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser sends it as Host.
        string hostRefused = $"{{\"ok\":false,\"error\":\"host 'attacker.example' refused: open the HMI by its IP address, localhost or {Environment.MachineName}\"}}";
        foreach (string path in new[] { string.Empty, "hmi.js", "api/stats", "events" })
        {
            Assert.Equal((HttpStatusCode.Forbidden, hostRefused), await SendAsync(HttpMethod.Get, path, host: $"attacker.example:{port}"));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, string.Empty)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, string.Empty, host: $"localhost:{port}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "api/stats", host: $"{Environment.MachineName}:{port}")).Status);

        // Cross-site request forgery: a page elsewhere POSTs to the HMI (no preflight for a body-less POST).
        Assert.Equal((HttpStatusCode.Forbidden, "{\"ok\":false,\"error\":\"cross-origin request from http://attacker.example refused: use the HMI's own page\"}"),
            await SendAsync(HttpMethod.Post, "api/media/volume?percent=100", origin: "http://attacker.example"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "api/climate/temperature?zone=Row1.Driver&celsius=30", origin: "null")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "api/media/volume?percent=100", origin: $"http://localhost:{port}")).Status); // another origin than the Host
        Assert.Equal((HttpStatusCode.Forbidden, "{\"ok\":false,\"error\":\"cross-site request refused: use the HMI's own page\"}"),
            await SendAsync(HttpMethod.Post, "api/media/volume?percent=100", fetchSite: "cross-site"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "api/media/volume?percent=100", host: $"attacker.example:{port}", origin: $"http://attacker.example:{port}")).Status);

        // Nothing reached the vehicle: no actuation was tried, none was refused by the services.
        using (JsonDocument stats = JsonDocument.Parse((await SendAsync(HttpMethod.Get, "api/stats")).Body))
        {
            Assert.Equal(0, stats.RootElement.GetProperty("actuations").GetInt64());
            Assert.Equal(0, stats.RootElement.GetProperty("refused").GetInt64());
        }

        // The page's own requests (same Origin) and scripts without an Origin pass the guard and reach the handler,
        // whose own check answers the missing value (400, not 403).
        const string Handler = "{\"ok\":false,\"error\":\"give ?percent=0..100\"}";
        Assert.Equal((HttpStatusCode.BadRequest, Handler), await SendAsync(HttpMethod.Post, "api/media/volume", origin: $"http://127.0.0.1:{port}", fetchSite: "same-origin"));
        Assert.Equal((HttpStatusCode.BadRequest, Handler), await SendAsync(HttpMethod.Post, "api/media/volume"));
        Assert.Equal((HttpStatusCode.BadRequest, Handler), await SendAsync(HttpMethod.Post, "api/media/volume", host: $"localhost:{port}", origin: $"http://localhost:{port}"));
    }
}
