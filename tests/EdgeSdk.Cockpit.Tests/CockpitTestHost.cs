using System.Net;
using EdgeSdk.Gnss;
using EdgeSdk.Vehicle;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit.Tests;

/// <summary>
/// The cockpit services in a real ASP.NET Core host on a free loopback port (plain-text HTTP/2 gRPC), as an app
/// composes them: AddEdgeSdkCockpit + MapEdgeSdkCockpit, with the test's own broker and fix hub.
/// </summary>
public sealed class CockpitTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CockpitTestHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress("http://" + address);
    }

    /// <summary>host:port of the gRPC endpoint.</summary>
    public string Address { get; }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public VssDatabroker Broker => Services.GetRequiredService<VssDatabroker>();

    public GnssFixHub Hub => Services.GetRequiredService<GnssFixHub>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static readonly VssTree Tree = VssTree.LoadDefault();

    public static async Task<CockpitTestHost> StartAsync(Action<CockpitOptions>? configure = null, Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (settings != null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(new VssDatabroker(Tree));
        builder.Services.AddEdgeSdkCockpit(builder.Configuration, configure);
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.MapEdgeSdkCockpit();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CockpitTestHost(app, new Uri(url).Authority);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
    }
}
