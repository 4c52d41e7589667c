#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace EdgeSdk.Jt808;

/// <summary>
/// A JT/T 808 platform (server) for tests and demos: accepts terminals over TCP, answers registration (0x8100 with an
/// authentication code), authentication, heartbeat, location reports and batches (0x8001), answers bad frames with
/// "message error" and unknown ids with "not supported" (all counted, never a crash), exposes every received message
/// as a stream, and sends commands and awaits the terminal's answer. Replies use the header layout (2013/2019) the
/// terminal uses. .NET only.
/// </summary>
/// <example>
/// <code>
/// await using var platform = new Jt808Platform();
/// platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
/// // ... a terminal connects to platform.LocalEndPoint, registers and authenticates ...
/// await platform.WaitForTerminalAsync("013800000000", TimeSpan.FromSeconds(30));
/// Jt808LocationQueryResponse where = await platform.QueryLocationAsync("013800000000", TimeSpan.FromSeconds(10));
/// </code>
/// </example>
public sealed class Jt808Platform : IAsyncDisposable
{
    private readonly Channel<Jt808ReceivedMessage> _received;
    private readonly ConcurrentDictionary<string, Jt808PlatformTerminal> _byPhone = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Jt808PlatformTerminal, Task> _connections = new();
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? _listener;
    private Task? _acceptLoop;

    /// <summary>Creates a platform; <see cref="Start"/> opens the listener.</summary>
    /// <param name="options">Settings, or null for the defaults.</param>
    public Jt808Platform(Jt808PlatformOptions? options = null)
    {
        Options = options ?? new Jt808PlatformOptions();
        _received = Channel.CreateBounded<Jt808ReceivedMessage>(
            new BoundedChannelOptions(Math.Max(1, Options.ReceivedCapacity)) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false },
            _ => Counters.ReceivedDrop());
        foreach (KeyValuePair<string, string> preset in Options.AuthenticationCodes)
        {
            _codes[Key(preset.Key)] = preset.Value;
        }
    }

    /// <summary>The settings.</summary>
    public Jt808PlatformOptions Options { get; }

    /// <summary>Counters over all terminals.</summary>
    public Jt808PlatformCounters Counters { get; } = new();

    /// <summary>Every received frame and assembled long message, in arrival order per terminal (bounded, see <see cref="Jt808PlatformOptions.ReceivedCapacity"/>).</summary>
    public ChannelReader<Jt808ReceivedMessage> Received => _received.Reader;

    /// <summary>The address the listener is bound to (with the port chosen when 0 was asked for).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="Start"/>.</exception>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener ?? throw new InvalidOperationException("the platform is not started")).LocalEndpoint;

    /// <summary>Terminals connected now.</summary>
    public IReadOnlyList<Jt808PlatformTerminal> Terminals => new List<Jt808PlatformTerminal>(_connections.Keys);

    /// <summary>Opens the listener and starts accepting terminals.</summary>
    /// <param name="endPoint">Where to listen; port 0 picks a free one (see <see cref="LocalEndPoint"/>).</param>
    /// <exception cref="SocketException">The address is in use or not available.</exception>
    public void Start(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (_listener != null)
        {
            throw new InvalidOperationException("the platform is already started");
        }

        var listener = new TcpListener(endPoint);
        listener.Server.ExclusiveAddressUse = true;
        listener.Start();
        _listener = listener;
        _acceptLoop = AcceptAsync(listener, _stop.Token);
    }

    /// <summary>Received messages as an async stream, until <paramref name="cancellationToken"/> fires or the platform is disposed.</summary>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The messages.</returns>
    public IAsyncEnumerable<Jt808ReceivedMessage> ReadAllAsync(CancellationToken cancellationToken = default) => _received.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Waits until a terminal with <paramref name="phone"/> is connected (and authenticated, unless <paramref name="authenticated"/> is false).</summary>
    /// <param name="phone">Phone number digits (leading zeros do not matter).</param>
    /// <param name="timeout">How long to wait (<see cref="Timeout.InfiniteTimeSpan"/>: until cancelled).</param>
    /// <param name="authenticated">True (default) to wait for a successful 0x0102 on the connection.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal.</returns>
    /// <exception cref="TimeoutException">Not there within <paramref name="timeout"/>.</exception>
    public Task<Jt808PlatformTerminal> WaitForTerminalAsync(string phone, TimeSpan timeout, bool authenticated = true, CancellationToken cancellationToken = default) =>
        WaitAsync(() => Find(phone) is { IsClosed: false } t && (!authenticated || t.IsAuthenticated) ? t : null, $"terminal {phone} did not {(authenticated ? "authenticate" : "connect")}", timeout, cancellationToken);

    /// <summary>Waits until any terminal is connected and authenticated.</summary>
    /// <param name="timeout">How long to wait (<see cref="Timeout.InfiniteTimeSpan"/>: until cancelled).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The first authenticated terminal found.</returns>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    public Task<Jt808PlatformTerminal> WaitForAnyTerminalAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(
            () =>
            {
                foreach (Jt808PlatformTerminal t in _connections.Keys)
                {
                    if (!t.IsClosed && t.IsAuthenticated)
                    {
                        return t;
                    }
                }

                return null;
            },
            "no terminal authenticated",
            timeout,
            cancellationToken);

    /// <summary>The connected terminal with <paramref name="phone"/> (the latest connection), or null.</summary>
    /// <param name="phone">Phone number digits (leading zeros do not matter).</param>
    /// <returns>The terminal or null.</returns>
    public Jt808PlatformTerminal? Find(string phone) => _byPhone.TryGetValue(Key(phone), out Jt808PlatformTerminal? t) ? t : null;

    /// <summary>Sends a command to a terminal and waits for its answer (0x0104 for 0x8104/0x8106, 0x0201 for 0x8201, else 0x0001). A body longer than one package is sent as sub-packages.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="messageId">Command message id.</param>
    /// <param name="body">Body, or null for an empty one.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal's answer.</returns>
    /// <exception cref="IOException">The terminal is not connected or disconnects while the command waits.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public Task<Jt808Message> SendCommandAsync(string phone, int messageId, Jt808Body? body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Jt808PlatformTerminal terminal = Find(phone) ?? throw new IOException($"terminal {phone} is not connected to this platform");
        return terminal.SendCommandAsync(messageId, body, timeout, cancellationToken);
    }

    /// <summary>0x8103 set terminal parameters; returns the terminal's 0x0001 answer.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="parameters">Parameters to set.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response (result 0 = set).</returns>
    public Task<Jt808GeneralResponse> SetParametersAsync(string phone, Jt808Parameter[] parameters, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GeneralAsync(phone, Jt808MessageIds.SetParameters, new Jt808SetParameters { Parameters = parameters }, timeout, cancellationToken);

    /// <summary>0x8104 query all terminal parameters.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal's 0x0104.</returns>
    /// <exception cref="Jt808CommandRefusedException">The terminal answered 0x0001 instead.</exception>
    public Task<Jt808ParameterResponse> QueryParametersAsync(string phone, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedAsync<Jt808ParameterResponse>(phone, Jt808MessageIds.QueryParameters, null, timeout, cancellationToken);

    /// <summary>0x8106 query specific terminal parameters.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="parameterIds">Parameter ids to query.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal's 0x0104.</returns>
    /// <exception cref="Jt808CommandRefusedException">The terminal answered 0x0001 instead.</exception>
    public Task<Jt808ParameterResponse> QuerySpecificParametersAsync(string phone, uint[] parameterIds, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedAsync<Jt808ParameterResponse>(phone, Jt808MessageIds.QuerySpecificParameters, new Jt808QuerySpecificParameters { ParameterIds = parameterIds }, timeout, cancellationToken);

    /// <summary>0x8201 location query.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal's 0x0201.</returns>
    /// <exception cref="Jt808CommandRefusedException">The terminal answered 0x0001 instead.</exception>
    public Task<Jt808LocationQueryResponse> QueryLocationAsync(string phone, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TypedAsync<Jt808LocationQueryResponse>(phone, Jt808MessageIds.LocationQuery, null, timeout, cancellationToken);

    /// <summary>0x8202 temporary location tracking (interval 0 stops it).</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="intervalSeconds">Report interval in seconds.</param>
    /// <param name="validitySeconds">How long tracking lasts, in seconds.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response.</returns>
    public Task<Jt808GeneralResponse> TrackTemporarilyAsync(string phone, int intervalSeconds, uint validitySeconds, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GeneralAsync(phone, Jt808MessageIds.TemporaryTracking, new Jt808TemporaryTracking { IntervalSeconds = intervalSeconds, ValiditySeconds = validitySeconds, ValidityOmitted = intervalSeconds == 0 }, timeout, cancellationToken);

    /// <summary>0x8300 text message.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="text">The message (flags, type, GBK text).</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response.</returns>
    public Task<Jt808GeneralResponse> SendTextAsync(string phone, Jt808TextMessage text, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GeneralAsync(phone, Jt808MessageIds.TextMessage, text, timeout, cancellationToken);

    /// <summary>0x8600 / 0x8602 / 0x8604 set circle, rectangle or polygon areas (the id is the body's <see cref="Jt808SetAreas.MessageId"/>).</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="areas">The areas.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response.</returns>
    public Task<Jt808GeneralResponse> SetAreasAsync(string phone, Jt808SetAreas areas, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return GeneralAsync(phone, areas.MessageId, areas, timeout, cancellationToken);
    }

    /// <summary>0x8606 set a route.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="route">The route with its segments.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response.</returns>
    public Task<Jt808GeneralResponse> SetRouteAsync(string phone, Jt808SetRoute route, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        GeneralAsync(phone, Jt808MessageIds.SetRoute, route, timeout, cancellationToken);

    /// <summary>0x8601 / 0x8603 / 0x8605 / 0x8607 delete circle, rectangle, polygon areas or routes (no ids: all of that kind).</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <param name="messageId">One of the four delete ids.</param>
    /// <param name="ids">Area or route ids.</param>
    /// <param name="timeout">How long to wait for the answer.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The general response.</returns>
    public Task<Jt808GeneralResponse> DeleteAreasAsync(string phone, int messageId, uint[] ids, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (messageId is not (Jt808MessageIds.DeleteCircleAreas or Jt808MessageIds.DeleteRectangleAreas or Jt808MessageIds.DeletePolygonAreas or Jt808MessageIds.DeleteRoutes))
        {
            throw new ArgumentOutOfRangeException(nameof(messageId), $"0x{messageId:X4} is not an area or route delete message");
        }

        return GeneralAsync(phone, messageId, new Jt808DeleteAreas { AreaIds = ids }, timeout, cancellationToken);
    }

    /// <summary>Closes the connection of the terminal with <paramref name="phone"/>, if connected.</summary>
    /// <param name="phone">Terminal phone number.</param>
    /// <returns>True when a connection was closed.</returns>
    public bool Disconnect(string phone)
    {
        Jt808PlatformTerminal? terminal = Find(phone);
        terminal?.Disconnect();
        return terminal != null;
    }

    /// <summary>Stops listening, closes every connection and ends the received stream.</summary>
    /// <returns>Completes when every connection loop has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop != null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        foreach (Jt808PlatformTerminal terminal in _connections.Keys)
        {
            terminal.Disconnect();
        }

        foreach (Task loop in _connections.Values)
        {
            await loop.ConfigureAwait(false);
        }

        _received.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task<Jt808PlatformTerminal> WaitAsync(Func<Jt808PlatformTerminal?> find, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            // Take the signal before looking, so a change between the look and the wait is not missed.
            Task changed = Volatile.Read(ref _changed).Task;
            if (find() is { } terminal)
            {
                return terminal;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{what} within {timeout.TotalSeconds:0.###} s"));
            }
        }
    }

    internal void Publish(Jt808ReceivedMessage message) => _received.Writer.TryWrite(message);

    internal void Identified(Jt808PlatformTerminal terminal)
    {
        _byPhone[Key(terminal.Phone!)] = terminal;
        Changed();
    }

    internal void Closed(Jt808PlatformTerminal terminal)
    {
        if (terminal.Phone != null)
        {
            _byPhone.TryRemove(new KeyValuePair<string, Jt808PlatformTerminal>(Key(terminal.Phone), terminal));
        }

        _connections.TryRemove(terminal, out _);
        Counters.ConnectionClosed();
        Changed();
    }

    internal void Changed() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    internal string IssueAuthenticationCode(string phone) =>
        _codes.GetOrAdd(Key(phone), p => Options.AuthenticationCodeFactory?.Invoke(phone) ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));

    internal bool CheckAuthenticationCode(string phone, string code)
    {
        string key = Key(phone);
        if (_codes.TryGetValue(key, out string? issued))
        {
            return string.Equals(issued, code, StringComparison.Ordinal);
        }

        if (!Options.AcceptUnknownAuthenticationCodes || code.Length == 0)
        {
            return false;
        }

        // Remembered from now on, so a second connection with a different code for the same phone is refused.
        return string.Equals(_codes.GetOrAdd(key, code), code, StringComparison.Ordinal);
    }

    internal void ForgetAuthenticationCode(string phone) => _codes.TryRemove(Key(phone), out _);

    /// <summary>Leading zeros do not matter: a 2013 terminal's 12 digits and a 2019 terminal's 20 digits name the same number.</summary>
    private static string Key(string phone)
    {
        string trimmed = phone.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private async Task<Jt808GeneralResponse> GeneralAsync(string phone, int messageId, Jt808Body body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Jt808Message answer = await SendCommandAsync(phone, messageId, body, timeout, cancellationToken).ConfigureAwait(false);
        return answer.Body as Jt808GeneralResponse
            ?? throw new Jt808CommandRefusedException($"terminal {phone} answered 0x{messageId:X4} with 0x{answer.Header.MessageId:X4}, not a general response");
    }

    private async Task<T> TypedAsync<T>(string phone, int messageId, Jt808Body? body, TimeSpan timeout, CancellationToken cancellationToken)
        where T : Jt808Body
    {
        Jt808Message answer = await SendCommandAsync(phone, messageId, body, timeout, cancellationToken).ConfigureAwait(false);
        if (answer.Body is T typed)
        {
            return typed;
        }

        if (answer.Body is Jt808GeneralResponse general)
        {
            throw new Jt808CommandRefusedException(
                string.Create(CultureInfo.InvariantCulture, $"terminal {phone} answered 0x{messageId:X4} with a general response, result {general.Result}"), general);
        }

        throw new Jt808CommandRefusedException($"terminal {phone} answered 0x{messageId:X4} with 0x{answer.Header.MessageId:X4} that could not be decoded");
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection that failed while being accepted (reset by the peer): the next one may be fine.
                await Task.Delay(50, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                continue;
            }

            if (_connections.Count >= Options.MaxTerminals)
            {
                Counters.ConnectionRefused();
                socket.Close();
                continue;
            }

            Counters.ConnectionAccepted();
            socket.NoDelay = true;
            var terminal = new Jt808PlatformTerminal(this, socket);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task loop = Task.Run(async () =>
            {
                await started.Task.ConfigureAwait(false);
                await terminal.RunAsync(cancellationToken).ConfigureAwait(false);
            }, CancellationToken.None);
            _connections[terminal] = loop;
            started.SetResult();
            Changed();
        }
    }
}
