using Microsoft.Playwright;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>A running chromium and the Playwright driver behind it (from <see cref="Chromium.LaunchAsync"/>), closed together.</summary>
public sealed class ChromiumSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
{
    public IBrowser Browser => browser;

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
