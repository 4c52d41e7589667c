using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeSdk.Telemetry;

/// <summary>
/// One MQTTnet client kept connected: MQTTnet 5 has no managed client, so this reconnects with
/// exponential backoff and jitter, prefers MQTT 5 and falls back to 3.1.1 when the broker refuses 5.
/// </summary>
internal sealed partial class MqttConnection : IAsyncDisposable
{
    private readonly MqttConnectionOptions _options;
    private readonly string _clientId;
    private readonly Action<MqttClientOptionsBuilder, bool>? _configure;
    private readonly Func<IMqttClient, CancellationToken, Task> _onConnected;
    private readonly ILogger _logger;
    private readonly ExponentialBackoff _backoff;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private TaskCompletionSource _disconnected = NewSignal();
    private TaskCompletionSource _connected = NewSignal();
    private long _losses;
    private string? _dropReason; // why DropAsync closed the connection, for the loss it causes
    private MqttProtocolVersion _version = MqttProtocolVersion.V500;

    public MqttConnection(MqttConnectionOptions options, string clientId, Action<MqttClientOptionsBuilder, bool>? configure,
        Func<IMqttClient, CancellationToken, Task> onConnected, ILogger logger)
    {
        options.EnsureTransportAllowed();
        _options = options;
        _clientId = clientId;
        _configure = configure;
        _onConnected = onConnected;
        _logger = logger;
        _backoff = new ExponentialBackoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay);
        Client = new MqttClientFactory().CreateMqttClient();
        Client.DisconnectedAsync += e =>
        {
            // MQTTnet raises this on a pool thread after it has torn the connection down, so it can come late: when a
            // newer connection is up already, it is about an older one and changes nothing.
            if (e.ClientWasConnected && !Client.IsConnected)
            {
                LastError = Interlocked.Exchange(ref _dropReason, null) ?? e.Exception?.Message ?? e.ReasonString ?? e.Reason.ToString();
                LogDisconnected(_logger, _options.ToString(), LastError);
                Interlocked.Increment(ref _losses);

                // A signal that has not fired yet stays: whoever waits on it (the senders, from before the first
                // connect) must be woken by the next connect. Replacing it orphaned them when a connection was lost
                // while its connected callback still ran: that connect then fired the replacement, and the senders
                // waited for ever on the old one while the publisher was connected again.
                if (_connected.Task.IsCompleted)
                {
                    _connected = NewSignal();
                }

                _disconnected.TrySetResult();
                StateChanged?.Invoke(false);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Raised with true after each connect (and its callback) and false after each loss.</summary>
    public event Action<bool>? StateChanged;

    public IMqttClient Client { get; }

    public bool IsConnected => Client.IsConnected;

    public bool IsMqtt5 => _version == MqttProtocolVersion.V500;

    public string? LastError { get; private set; }

    /// <summary>One connection attempt (MQTT 5, then 3.1.1 if refused); throws <see cref="IOException"/> naming the broker.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Client.IsConnected)
            {
                return;
            }

            MqttClientConnectResult result;
            try
            {
                result = await TryConnectAsync(cancellationToken).ConfigureAwait(false);
                if (RefusesVersion(result.ResultCode) && _version == MqttProtocolVersion.V500)
                {
                    _version = MqttProtocolVersion.V311;
                    result = await TryConnectAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or SocketException or TimeoutException or IOException or System.Security.Authentication.AuthenticationException
                                       // MQTTnet: "not allowed to connect while connect/disconnect is pending" (the last loss still being torn down)
                                       or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new IOException($"cannot connect to the MQTT broker at {_options}: {Reason(ex)}", ex);
            }

            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new IOException($"the MQTT broker at {_options} refused the connection: {result.ResultCode}" +
                    (string.IsNullOrEmpty(result.ReasonString) ? string.Empty : $" ({result.ReasonString})"));
            }

            LastError = null;
            long losses = Interlocked.Read(ref _losses);
            _disconnected = NewSignal();
            try
            {
                await _onConnected(Client, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or IOException)
            {
                // Half set up (not subscribed, status not sent) is worse than not connected: drop it and retry.
                await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                throw new IOException(ex.Message, ex);
            }

            if (!Client.IsConnected || Interlocked.Read(ref _losses) != losses)
            {
                // Lost while the callback ran (a broker stopping right after its CONNACK): not connected, so neither
                // signal it nor say so; the loop connects again.
                if (Client.IsConnected)
                {
                    await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
                }

                throw new IOException($"the connection to the MQTT broker at {_options} was lost while it was being set up");
            }

            _backoff.Reset();
            LogConnected(_logger, _options.ToString(), _version.ToString());
            _connected.TrySetResult();
            StateChanged?.Invoke(true);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Keeps the client connected until cancelled: waits for a loss, then retries with backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!Client.IsConnected)
            {
                try
                {
                    await ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is IOException or MqttCommunicationException)
                {
                    LastError = ex.Message;
                    TimeSpan delay = _backoff.Next();
                    LogRetry(_logger, ex.Message, delay.TotalSeconds);
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes <paramref name="message"/>; with no answer within <see cref="MqttConnectionOptions.AcknowledgeTimeout"/>
    /// the connection is taken for dead and closed, so that <see cref="RunAsync"/> connects anew, and
    /// <see cref="MqttCommunicationException"/> says so (the caller sends the message again on the new connection).
    /// MQTTnet pings only after a keep-alive period in which it sent nothing, so a sender that keeps retrying on a dead
    /// link (a tunnel, a cellular address changed under a half-open TCP connection) would otherwise wait for TCP to give
    /// up, about 15 minutes with Linux's defaults.
    /// </summary>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AcknowledgeTimeout);
        try
        {
            return await Client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationTimedOutException // MQTTnet's own timeout (never shorter than ours)
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            const string Reason = "no acknowledgement from the broker in time: connection taken for dead, connecting anew";
            await DropAsync(Reason).ConfigureAwait(false);
            throw new MqttCommunicationException(Reason);
        }
    }

    private async Task DropAsync(string reason)
    {
        if (!Client.IsConnected)
        {
            return;
        }

        _dropReason = reason;
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
            await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Dead already, or being torn down: the loss is reported by DisconnectedAsync either way.
        }
    }

    /// <summary>Completes when the client is connected.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken) =>
        Client.IsConnected ? Task.CompletedTask : _connected.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            try
            {
                await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (MqttCommunicationException)
            {
                // Already gone: nothing to say goodbye to.
            }
        }

        Client.Dispose();
        _connectLock.Dispose();
    }

    private async Task<MqttClientConnectResult> TryConnectAsync(CancellationToken cancellationToken)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.BrokerUri.Host, _options.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(_version)
            // MQTTnet's one timeout covers every wait for an answer (CONNACK, PUBACK, SUBACK, ping); connecting is
            // also bounded by our own ConnectTimeout below, and a publish by AcknowledgeTimeout (PublishAsync).
            .WithTimeout(_options.ConnectTimeout > _options.AcknowledgeTimeout ? _options.ConnectTimeout : _options.AcknowledgeTimeout)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithCleanStart(true);
        if (_options.Username != null)
        {
            builder.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_options.BrokerUri.Host);
                if (_options.TrustedCaCertificate is { } ca)
                {
                    tls.WithCertificateValidationHandler(e => ChainsTo(e.Certificate, e.SslPolicyErrors, ca));
                }

                if (_options.ClientCertificate is { } certificate)
                {
                    tls.WithClientCertificates(new X509Certificate2Collection(certificate));
                }
            });
        }

        _configure?.Invoke(builder, _version == MqttProtocolVersion.V500);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout + TimeSpan.FromSeconds(1));
        return await Client.ConnectAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
    }

    // An MQTT 5 broker refusing 5 says UnsupportedProtocolVersion (0x84); a 3.1.1-only broker answers a level-5
    // CONNECT with its own CONNACK, return code 1 (unacceptable protocol version), which MQTTnet passes through as 1.
    private static bool RefusesVersion(MqttClientConnectResultCode code) =>
        code == MqttClientConnectResultCode.UnsupportedProtocolVersion
        || (int)code == (int)MqttConnectReturnCode.ConnectionRefusedUnacceptableProtocolVersion;

    // Server validation against a private CA: the chain must end at that CA, and the name must match.
    internal static bool ChainsTo(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (certificate == null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    private string Reason(Exception ex)
    {
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode == SocketError.ConnectionRefused
                    ? "connection refused (is the broker running? `edgesdk broker` starts one)"
                    : socket.Message;
            }

            if (e is System.Security.Authentication.AuthenticationException auth)
            {
                return $"TLS handshake failed ({auth.Message})";
            }
        }

        return ex is OperationCanceledException ? $"no answer within {_options.ConnectTimeout.TotalSeconds:0} s" : ex.Message;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(LogLevel.Information, "Connected to {Broker} ({Protocol})")]
    private static partial void LogConnected(ILogger logger, string broker, string protocol);

    [LoggerMessage(LogLevel.Warning, "Lost the connection to {Broker}: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(LogLevel.Information, "{Error}; retrying in {Seconds:F1} s")]
    private static partial void LogRetry(ILogger logger, string error, double seconds);
}
