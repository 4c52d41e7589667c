using Microsoft.Playwright;

namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class ChromiumSmokeTests
{
    [Fact]
    public async Task Playwright_drives_Debians_chromium_offline()
    {
        await using ChromiumSession chromium = await Chromium.LaunchAsync();
        IPage page = await chromium.Browser.NewPageAsync();
        await page.SetContentAsync("<p id='x'>1</p><script>document.getElementById('x').textContent = String(6 * 7);</script>");
        Assert.Equal("42", await page.TextContentAsync("#x"));
        Assert.Contains("Chrom", await page.EvaluateAsync<string>("navigator.userAgent"), StringComparison.Ordinal);
    }
}
