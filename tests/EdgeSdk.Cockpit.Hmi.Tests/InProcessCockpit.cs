using EdgeSdk.Vehicle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Cockpit.Hmi.Tests;

/// <summary>The cockpit services and the HMI in a Generic Host, as a team composes them, over a fresh databroker.</summary>
public sealed class InProcessCockpit : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessCockpit(IHost host)
    {
        _host = host;
    }

    public VssDatabroker Broker => _host.Services.GetRequiredService<VssDatabroker>();

    public CockpitHmi Hmi => _host.Services.GetRequiredService<CockpitHmi>();

    public static async Task<InProcessCockpit> StartAsync(string? alertRulesFile = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddEdgeSdkCockpit(configure: options => options.AlertRulesFile = alertRulesFile);
        builder.Services.AddEdgeSdkCockpitHmi();
        IHost host = builder.Build();
        await host.StartAsync();
        return new InProcessCockpit(host);
    }

    /// <summary>Reads the page's queue until a message contains <paramref name="text"/> (60 s at most); returns it.</summary>
    public static async Task<string> WaitForMessageAsync(CockpitHmiClient page, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            string message = await page.Messages.ReadAsync(timeout.Token);
            if (message.Contains(text, StringComparison.Ordinal))
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
