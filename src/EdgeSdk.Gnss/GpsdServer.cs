using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>
/// Speaks enough of gpsd's socket protocol that unmodified gpsd clients (gpspipe, cgps, libgps
/// apps, Python gps) work against it: the VERSION banner on connect, <c>?WATCH</c>,
/// <c>?DEVICES</c>, <c>?POLL</c> and <c>?VERSION</c>. Each client has a bounded queue of report
/// lines; a slow client loses its oldest reports (counted in <see cref="DroppedReports"/>) and
/// never stalls the receiver or the other clients.
/// </summary>
public sealed class GpsdServer : IAsyncDisposable
{
    private readonly IPEndPoint _endpoint;
    private readonly string _devicePath;
    private readonly ILogger? _logger;
    private readonly BoundedFanOut<byte[]> _fanOut = new();
    private readonly GpsdReportWriter _reports;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clientTasks = [];
    private readonly DateTime _activatedUtc = DateTime.UtcNow;
    private readonly TaskCompletionSource _firstWatcher = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private GnssFix? _latest;
    private long _dropped;
    private long _published;

    /// <summary>Creates a server for <paramref name="endpoint"/> reporting <paramref name="devicePath"/> as its device.</summary>
    public GpsdServer(IPEndPoint endpoint, string devicePath, ILogger<GpsdServer>? logger = null)
    {
        _endpoint = endpoint;
        _devicePath = devicePath;
        _logger = logger;
        _reports = new GpsdReportWriter(devicePath);
    }

    /// <summary>Report lines each client may have queued before its oldest are dropped.</summary>
    public int ClientQueueCapacity { get; init; } = 256;

    /// <summary>The bound endpoint (after <see cref="Start"/>; useful with port 0).</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)(_listener?.LocalEndpoint ?? _endpoint);

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _fanOut.Count;

    /// <summary>Fixes published so far.</summary>
    public long PublishedFixes => Interlocked.Read(ref _published);

    /// <summary>Report lines dropped because a client did not keep up (all clients, past and present).</summary>
    public long DroppedReports => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Completes when a client first enables watching: like gpsd without <c>-n</c>, a server can wait
    /// for a client before it opens the device (so a replayed file is not over before anyone listens).
    /// </summary>
    public Task WaitForWatcherAsync(CancellationToken cancellationToken) => _firstWatcher.Task.WaitAsync(cancellationToken);

    /// <summary>Starts listening. Throws <see cref="IOException"/> naming the endpoint when it cannot bind.</summary>
    public void Start()
    {
        var listener = new TcpListener(_endpoint);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot listen on {_endpoint}: {ex.Message} (is gpsd or another server already using it?)", ex);
        }

        _listener = listener;
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    /// <summary>Sends a fix (TPV, and SKY when it has one) to every watching client.</summary>
    public void Publish(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Volatile.Write(ref _latest, fix);
        Interlocked.Increment(ref _published);
        if (_fanOut.Count > 0)
        {
            _fanOut.Publish(_reports.Format(fix).ToArray());
        }
    }

    /// <summary>Starts the server (if not yet) and publishes every fix of <paramref name="fixes"/>.</summary>
    public async Task RunAsync(IAsyncEnumerable<GnssFix> fixes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        if (_listener == null)
        {
            Start();
        }

        await foreach (GnssFix fix in fixes.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Publish(fix);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        _fanOut.Complete();
        if (_acceptLoop != null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Task[] clients;
        lock (_clientTasks)
        {
            clients = [.. _clientTasks];
        }

        await Task.WhenAll(clients).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _reports.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Task task = ServeClientAsync(client, cancellationToken);
            lock (_clientTasks)
            {
                _clientTasks.RemoveAll(t => t.IsCompleted);
                _clientTasks.Add(task);
            }
        }
    }

    private async Task ServeClientAsync(TcpClient tcp, CancellationToken cancellationToken)
    {
        using TcpClient client = tcp;
        client.NoDelay = true;
        // Keep the kernel's share small, so a stalled client's backlog is our bounded queue (which
        // drops the oldest, counted) and not megabytes of stale reports in the socket.
        client.SendBufferSize = 64 * 1024;
        using var subscription = _fanOut.Subscribe(ClientQueueCapacity);
        using var writeLock = new SemaphoreSlim(1, 1);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        NetworkStream stream = client.GetStream();
        var session = new Session(stream, writeLock);
        if (_logger != null)
        {
            GnssLog.ClientConnected(_logger, client.Client.RemoteEndPoint);
        }

        try
        {
            await session.WriteAsync(Line(GpsdJson.WriteVersion), done.Token).ConfigureAwait(false);
            Task reports = ForwardReportsAsync(session, subscription, done.Token);
            await ReadCommandsAsync(session, done.Token).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            await reports.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            Interlocked.Add(ref _dropped, subscription.Dropped);
            if (_logger != null)
            {
                GnssLog.ClientDisconnected(_logger, subscription.Dropped);
            }
        }
    }

    private static async Task ForwardReportsAsync(Session session, BoundedFanOut<byte[]>.Subscription subscription, CancellationToken cancellationToken)
    {
        await foreach (byte[] report in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (session.Watching)
            {
                await session.WriteAsync(report, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // gpsd commands: ?NAME; or ?NAME={json}; — separated by ';' or newlines.
    private async Task ReadCommandsAsync(Session session, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1024];
        var pending = new StringBuilder();
        while (true)
        {
            int read = await session.Stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
            string text = pending.ToString();
            int end;
            while ((end = text.IndexOfAny([';', '\n'])) >= 0)
            {
                string command = text[..end].Trim();
                text = text[(end + 1)..];
                if (command.Length > 0)
                {
                    await session.WriteAsync(Respond(session, command), cancellationToken).ConfigureAwait(false);
                }
            }

            pending.Clear().Append(text.Length > 4096 ? string.Empty : text);
        }
    }

    private byte[] Respond(Session session, string command)
    {
        int eq = command.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? command : command[..eq];
        string? argument = eq < 0 ? null : command[(eq + 1)..];
        switch (name)
        {
            case "?WATCH":
                if (argument != null && !ApplyWatch(session, argument))
                {
                    return Line(w => Error(w, $"Invalid WATCH: {argument}"));
                }

                byte[] watch = Line(w => GpsdJson.WriteWatch(w, session.Watching, session.Json));
                return session.Watching ? [.. Line(Devices), .. watch] : watch;
            case "?DEVICES":
                return Line(Devices);
            case "?POLL":
                return Line(w => GpsdJson.WritePoll(w, Volatile.Read(ref _latest), _devicePath, DateTime.UtcNow));
            case "?VERSION":
                return Line(GpsdJson.WriteVersion);
            default:
                return Line(w => Error(w, $"Unrecognized request '{name.TrimStart('?')}'"));
        }
    }

    private bool ApplyWatch(Session session, string argument)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(argument);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            bool enable = !document.RootElement.TryGetProperty("enable", out JsonElement e) || e.ValueKind != JsonValueKind.False;
            // JSON is the default report format unless the client asked for raw NMEA instead,
            // which this server does not relay (its WATCH answer says "nmea":false).
            bool nmea = document.RootElement.TryGetProperty("nmea", out JsonElement n) && n.ValueKind == JsonValueKind.True;
            bool json = document.RootElement.TryGetProperty("json", out JsonElement j) ? j.ValueKind == JsonValueKind.True : session.Json || (enable && !nmea);
            session.Json = json;
            session.Watching = enable && json;
            if (session.Watching)
            {
                _firstWatcher.TrySetResult();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void Devices(Utf8JsonWriter writer) => GpsdJson.WriteDevices(writer, _devicePath, _activatedUtc);

    private static void Error(Utf8JsonWriter writer, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("class"u8, "ERROR"u8);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
    }

    private static byte[] Line(Action<Utf8JsonWriter> write)
    {
        using var writer = new GpsdReportWriter();
        return writer.FormatLine(write).ToArray();
    }

    private sealed class Session(NetworkStream stream, SemaphoreSlim writeLock)
    {
        public NetworkStream Stream { get; } = stream;

        public volatile bool Watching;

        public volatile bool Json;

        public async Task WriteAsync(byte[] data, CancellationToken cancellationToken)
        {
            await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                writeLock.Release();
            }
        }
    }
}
