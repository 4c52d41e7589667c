using Microsoft.Playwright;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>
/// Debian's chromium driven by Playwright's own driver (shipped in the Microsoft.Playwright package, run offline):
/// nothing is downloaded. The test command installs the <c>chromium</c> package.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Starts Playwright's driver and a headless chromium; disposing the session closes both.</summary>
    public static async Task<ChromiumSession> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: apt-get install chromium (tests/run-all.sh installs it)");
        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // The tests run as root in containers, where chromium's sandbox cannot start.
                Args = ["--no-sandbox"],
            });
            return new ChromiumSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
