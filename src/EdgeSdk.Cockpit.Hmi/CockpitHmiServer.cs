using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>Serves a <see cref="CockpitHmi"/> on its own HTTP address (Kestrel), for programs without a web host of their own.</summary>
/// <example>
/// <code>
/// var hmi = new CockpitHmi(broker);
/// await using var server = new CockpitHmiServer(hmi, IPEndPoint.Parse("127.0.0.1:8080"));
/// await server.StartAsync(ct);          // open server.Url in a browser
/// _ = hmi.RunVssFeedAsync(ct);
/// </code>
/// </example>
public sealed class CockpitHmiServer : IAsyncDisposable
{
    private readonly CockpitHmi _hmi;
    private readonly IPEndPoint _endpoint;
    private WebApplication? _app;

    /// <summary>Creates a server for <paramref name="hmi"/> on <paramref name="endpoint"/> (port 0 picks a free port).</summary>
    public CockpitHmiServer(CockpitHmi hmi, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(hmi);
        ArgumentNullException.ThrowIfNull(endpoint);
        _hmi = hmi;
        _endpoint = endpoint;
        LocalEndpoint = endpoint;
    }

    /// <summary>The address listened on (the real port once started).</summary>
    public IPEndPoint LocalEndpoint { get; private set; }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Url => new($"http://{LocalEndpoint}/");

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound (the message names it and the fix).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app != null)
        {
            throw new InvalidOperationException("the server is already started");
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "EdgeSdk.Cockpit.Hmi", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(_endpoint));
        WebApplication app = builder.Build();
        app.MapCockpitHmi(_hmi);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            string reason = ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException ? "the address is in use" : ex.Message;
            throw new IOException($"cannot serve the HMI on {_endpoint}: {reason} (is another cockpit running? choose another --http address)", ex);
        }

        _app = app;
        var uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        LocalEndpoint = new IPEndPoint(_endpoint.Address, uri.Port);
    }

    /// <summary>Stops listening; open event streams end.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(grace.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
