using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>
/// The HMI in a real browser (Debian's chromium through Playwright) against the real <c>edgesdk cockpit</c>: the simulated
/// vehicle drives at four times real time. Every wait is for a condition, with a generous timeout for a busy machine.
/// </summary>
public sealed class CockpitBrowserTests(CockpitProcess cockpit) : IClassFixture<CockpitProcess>
{
    private static readonly PageWaitForFunctionOptions Patiently = new() { Timeout = 90_000, PollingInterval = 50 };

    [Fact]
    public async Task The_page_loads_and_shows_the_vehicle_driving()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        // Everything the page loads comes from the cockpit itself: no CDN, no web fonts, no map tiles.
        var requested = new System.Collections.Concurrent.ConcurrentQueue<string>();
        IPage page = await OpenAsync(chromium.Browser, request => requested.Enqueue(request.Url));
        Assert.Equal("EdgeSdk cockpit", await page.TitleAsync());

        // Values change while the car drives: speed, and the GCJ-02 track grows.
        await page.WaitForFunctionAsync("() => !isNaN(parseFloat(document.getElementById('speed').textContent))", null, Patiently);
        string firstPosition = (await page.TextContentAsync("#position"))!;
        await page.WaitForFunctionAsync("() => parseFloat(document.getElementById('speed').textContent) > 10", null, Patiently);
        await page.WaitForFunctionAsync("p => document.getElementById('position').textContent !== p", firstPosition, Patiently);
        await page.WaitForFunctionAsync("() => document.getElementById('track-line').getAttribute('points').split(' ').length >= 20", null, Patiently);
        Assert.StartsWith("WGS-84 29.", await page.TextContentAsync("#position"), StringComparison.Ordinal);
        Assert.Contains(" · GCJ-02 29.", await page.TextContentAsync("#position"), StringComparison.Ordinal);

        // The simulated car drives in a forward gear with the door closed and the belt fastened.
        Assert.Contains(await page.TextContentAsync("#gear"), new[] { "1", "2", "3", "4", "5", "6" });
        Assert.Equal("closed", await page.TextContentAsync("#door"));
        Assert.Equal("fastened", await page.TextContentAsync("#belt"));
        Assert.EndsWith(" %", await page.TextContentAsync("#fuel"), StringComparison.Ordinal);

        // Satellites per constellation: the simulated receiver tracks BeiDou, GPS and GLONASS.
        string[] systems = [.. (await page.Locator("#satellites tbody tr").AllAsync()).Select(row => row.GetAttributeAsync("data-system").Result!)];
        Assert.Contains("Beidou", systems);
        Assert.Contains("Gps", systems);
        Assert.Contains("Glonass", systems);
        Assert.Equal(systems.Length, systems.Distinct().Count());
        Assert.True(int.Parse((await page.TextContentAsync("#satellites tr[data-system=Beidou] td.used"))!, CultureInfo.InvariantCulture) > 0);

        string screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "cockpit.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(screenshot)[..4]);
        Assert.Equal(png.Length, new FileInfo(screenshot).Length);

        string origin = cockpit.Url.GetLeftPart(UriPartial.Authority);
        Assert.Equal(["/", "/events", "/hmi.css", "/hmi.js"], requested.Where(url => !url.StartsWith("data:", StringComparison.Ordinal)).Select(url => new Uri(url)).Select(uri =>
        {
            Assert.Equal(origin, uri.GetLeftPart(UriPartial.Authority));
            return uri.AbsolutePath;
        }).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Temperature_plus_sets_the_target_and_the_car_then_reports_it()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        IPage page = await OpenAsync(chromium.Browser);
        const string Driver = "[data-zone='Row1.Driver']";
        await page.WaitForFunctionAsync($"() => !isNaN(parseFloat(document.querySelector(\"{Driver} .current\")?.textContent))", null, Patiently);
        double current = double.Parse((await page.TextContentAsync($"{Driver} .current"))!, CultureInfo.InvariantCulture);
        string expected = (current + 0.5).ToString("0.0", CultureInfo.InvariantCulture);
        long actuations = await StatAsync(page, "actuations");

        await page.ClickAsync($"{Driver} .up");

        // The climate service set the VSS target (the page shows the requested value it reports) ...
        await page.WaitForFunctionAsync($"t => document.querySelector(\"{Driver} .target\").textContent === t", expected, Patiently);
        Assert.Equal(actuations + 1, await StatAsync(page, "actuations"));
        // ... and after the climate ECU's delay the car reports it as the current value, over CAN.
        await page.WaitForFunctionAsync($"t => document.querySelector(\"{Driver} .current\").textContent === t", expected, Patiently);
        Assert.Equal("", await page.TextContentAsync("#message"));

        // The passenger zone has no actuator in the simulated car: the page says so in one line.
        await page.ClickAsync("[data-zone='Row1.Passenger'] .up");
        await page.WaitForFunctionAsync("() => document.getElementById('message').textContent.length > 0", null, Patiently);
        Assert.Equal("no provider serves Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature: start the vehicle (or its simulator) that provides the climate actuators",
            await page.TextContentAsync("#message"));
    }

    [Fact]
    public async Task An_alert_appears_when_the_vehicle_speeds()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        IPage page = await OpenAsync(chromium.Browser);
        await page.WaitForFunctionAsync("() => parseFloat(document.getElementById('speed').textContent) > 30", null, Patiently);
        await page.WaitForSelectorAsync("#alerts li.alert[data-rule=overspeed]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.StartsWith("Speed above 30 km/h (since ", await page.TextContentAsync("#alerts li.alert[data-rule=overspeed]"), StringComparison.Ordinal);
        Assert.Equal("ALERT_SEVERITY_WARNING", await page.GetAttributeAsync("#alerts li.alert[data-rule=overspeed]", "data-severity"));
    }

    [Fact]
    public async Task A_browser_that_goes_away_is_counted_and_the_other_keeps_receiving()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        IPage staying = await OpenAsync(chromium.Browser);
        long disconnected = await StatAsync(staying, "clientsDisconnected");
        IPage leaving = await OpenAsync(chromium.Browser);
        await leaving.CloseAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await StatAsync(staying, "clientsDisconnected") != disconnected + 1)
        {
            await Task.Delay(50, timeout.Token);
        }

        int seen = await staying.EvaluateAsync<int>("window.cockpitHmi.messages");
        await staying.WaitForFunctionAsync("n => window.cockpitHmi.messages > n + 100", seen, Patiently);
        Assert.Equal(0, await StatAsync(staying, "dropped"));
    }

    [Fact]
    public async Task Update_latency_is_measured_in_the_browser()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        IPage page = await OpenAsync(chromium.Browser);
        await page.WaitForFunctionAsync("() => window.cockpitHmi.latenciesMs.length >= 500", null, Patiently);
        double[] latencies = [.. (await page.EvaluateAsync<double[]>("window.cockpitHmi.latenciesMs")).Order()];

        // Databroker timestamp (.NET, UTC ms) to the page's next animation frame (Date.now()), one clock: never negative.
        Assert.True(latencies[0] >= 0, $"a latency of {latencies[0]} ms means the clocks disagree");
        string report = string.Create(CultureInfo.InvariantCulture,
            $"samples {latencies.Length}, p50 {latencies[latencies.Length / 2]} ms, p95 {latencies[latencies.Length * 95 / 100]} ms, max {latencies[^1]} ms");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "hmi-latency.txt"), report + Environment.NewLine);
    }

    private async Task<IPage> OpenAsync(IBrowser browser, Action<IRequest>? onRequest = null)
    {
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        if (onRequest != null)
        {
            page.Request += (_, request) => onRequest(request);
        }

        IResponse? response = await page.GotoAsync(cockpit.Url.ToString());
        Assert.Equal(200, response!.Status);
        await page.WaitForFunctionAsync("() => document.getElementById('connection').textContent === 'live'", null, Patiently);
        return page;
    }

    private static async Task<long> StatAsync(IPage page, string name)
    {
        string json = await page.EvaluateAsync<string>("async () => JSON.stringify(await (await fetch('/api/stats')).json())");
        return JsonDocument.Parse(json).RootElement.GetProperty(name).GetInt64();
    }
}
