using Microsoft.Playwright;

namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class ChromiumSmokeTests
{
    [Fact]
    public async Task Playwright_drives_Debians_chromium_offline()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<p id='x'>1</p><script>document.getElementById('x').textContent = String(6 * 7);</script>");
        Assert.Equal("42", await page.TextContentAsync("#x"));
    }
}
