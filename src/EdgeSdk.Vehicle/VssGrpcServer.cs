using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Vehicle;

/// <summary>
/// Serves a <see cref="VssDatabroker"/> over gRPC as <c>kuksa.val.v2.VAL</c> (plain HTTP/2 on Kestrel), so KUKSA's
/// clients, providers and generated stubs talk to it unchanged.
/// </summary>
/// <example>
/// <code>
/// var broker = new VssDatabroker(VssTree.LoadDefault());
/// await using var server = new VssGrpcServer(broker, IPEndPoint.Parse("127.0.0.1:55555"));
/// await server.StartAsync(ct);   // kuksa-client grpc://127.0.0.1:55555 works against it
/// </code>
/// </example>
public sealed class VssGrpcServer : IAsyncDisposable
{
    private readonly VssDatabroker _broker;
    private readonly IPEndPoint _endpoint;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly VssTokenValidator? _tokenValidator;
    private WebApplication? _app;

    /// <summary>
    /// Creates a server for <paramref name="broker"/> on <paramref name="endpoint"/> (port 0 picks a free port). With
    /// <paramref name="tokenValidator"/>, every call needs a bearer token whose scope allows it (KUKSA's authorization);
    /// without, every client may do everything.
    /// </summary>
    public VssGrpcServer(VssDatabroker broker, IPEndPoint endpoint, ILoggerFactory? loggerFactory = null, VssTokenValidator? tokenValidator = null)
    {
        _tokenValidator = tokenValidator;
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(endpoint);
        _broker = broker;
        _endpoint = endpoint;
        _loggerFactory = loggerFactory;
        LocalEndpoint = endpoint;
    }

    /// <summary>The address listened on (the real port once started).</summary>
    public IPEndPoint LocalEndpoint { get; private set; }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound (the message names it).</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app != null)
        {
            throw new InvalidOperationException("the server is already started");
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "EdgeSdk.Vehicle", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (_loggerFactory != null)
        {
            builder.Services.AddSingleton(_loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(_endpoint, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_broker);
        builder.Services.AddSingleton(new KuksaValService.Access(_tokenValidator));
        builder.Services.AddSingleton<KuksaValService>();
        WebApplication app = builder.Build();
        app.MapGrpcService<KuksaValService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot serve gRPC on {_endpoint}: {ex.Message} (is another databroker running? choose another --grpc address)", ex);
        }

        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        LocalEndpoint = new IPEndPoint(_endpoint.Address, uri.Port);
        if (_loggerFactory != null)
        {
            VehicleLog.Listening(_loggerFactory.CreateLogger<VssGrpcServer>(), LocalEndpoint.ToString());
        }
    }

    /// <summary>Stops listening; open streams end.</summary>
    /// <param name="cancellationToken">Ends the 2 s grace period for open calls early (they are then aborted).</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_app is { } app)
        {
            _app = null;
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(2));
            await app.StopAsync(grace.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
