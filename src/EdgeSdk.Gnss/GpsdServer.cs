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
/// never stalls the receiver or the other clients. At most <see cref="MaxClients"/> clients are
/// served at once (more are told so in one ERROR line and closed), never so many that the process runs
/// out of file handles (see <see cref="EffectiveMaxClients"/>), and a failing accept (EMFILE) pauses
/// accepting with a backoff instead of ending it.
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
    private readonly SemaphoreSlim _refusals = new(MaxConcurrentRefusals, MaxConcurrentRefusals);
    private long _dropped;
    private long _published;
    private int _clients;
    private long _refused;
    private long _acceptFailures;
    private bool _acceptFailing;

    /// <summary>Longest command, in bytes up to its <c>;</c> or newline (gpsd's own are under 200).</summary>
    public const int MaxCommandLength = 1024;

    // Refused clients whose pending input is read before closing (see RefuseAsync); bounded so that a
    // flood of connections cannot make refusing itself hold many handles.
    private const int MaxConcurrentRefusals = 8;
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxAcceptBackoff = TimeSpan.FromSeconds(1);

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

    /// <summary>
    /// Clients served at once (default 64, like gpsd's MAX_CLIENTS). A client beyond it gets one line,
    /// <c>{"class":"ERROR","message":"too many clients ..."}</c>, and is closed; counted in <see cref="RefusedClients"/>.
    /// </summary>
    public int MaxClients { get; init; } = 64;

    /// <summary>
    /// File handles kept free for everything else in the process. .NET itself needs handles now and then
    /// (loading an assembly, starting a thread-pool thread); when it finds none it aborts the process
    /// ("Out of memory"), so client sockets must never take the last ones.
    /// </summary>
    public const int FileHandleHeadroom = 64;

    /// <summary>
    /// The client limit in force after <see cref="Start"/>: <see cref="MaxClients"/>, lowered on Linux to
    /// what the process's open-file limit (<c>ulimit -n</c>) leaves after the handles already open and
    /// <see cref="FileHandleHeadroom"/>; at least 1.
    /// </summary>
    public int EffectiveMaxClients { get; private set; }

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _fanOut.Count;

    /// <summary>Connections refused because <see cref="MaxClients"/> were already served.</summary>
    public long RefusedClients => Interlocked.Read(ref _refused);

    /// <summary>
    /// Times accepting failed (out of file handles, EMFILE/ENFILE, or a connection aborted while queued);
    /// the server waits a little (up to 1 s, doubling) and keeps accepting.
    /// </summary>
    public long AcceptFailures => Interlocked.Read(ref _acceptFailures);

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
        EffectiveMaxClients = LimitByFileHandles(MaxClients);
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
        _refusals.Dispose();
        _reports.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        TimeSpan backoff = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                       || (ex is SocketException && cancellationToken.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of file handles (EMFILE, ENFILE) or memory, or a queued connection reset: the listener
                // itself is fine. The connection waits in the backlog; try again after a pause that doubles.
                Interlocked.Increment(ref _acceptFailures);
                if (!_acceptFailing && _logger != null)
                {
                    GnssLog.AcceptFailing(_logger, ex.Message);
                }

                _acceptFailing = true;
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxAcceptBackoff.Ticks));
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            backoff = TimeSpan.Zero;
            _acceptFailing = false;
            if (Interlocked.Increment(ref _clients) > EffectiveMaxClients)
            {
                Interlocked.Decrement(ref _clients);
                Interlocked.Increment(ref _refused);
                Track(RefuseAsync(client));
                continue;
            }

            Track(ServeClientAsync(client, cancellationToken));
        }
    }

    // Linux: the soft RLIMIT_NOFILE from /proc/self/limits, minus the handles open now and the headroom.
    private static int LimitByFileHandles(int maxClients)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/limits"))
            {
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                {
                    string[] parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length > 0 && long.TryParse(parts[0], out long soft))
                    {
                        long open = Directory.GetFileSystemEntries("/proc/self/fd").Length;
                        return (int)Math.Max(1, Math.Min(maxClients, soft - open - FileHandleHeadroom));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or no /proc: the configured limit stands.
        }

        return maxClients;
    }

    private void Track(Task task)
    {
        lock (_clientTasks)
        {
            _clientTasks.RemoveAll(t => t.IsCompleted);
            _clientTasks.Add(task);
        }
    }

    // Tells a client over the limit why, then closes. The line goes out at once (a new socket's send
    // buffer is empty, so the send never blocks) followed by the FIN; a bounded number of refusals also
    // read what the client already sent (its ?WATCH) before closing, so the close does not reset the
    // connection and lose the line. A flood beyond that bound is closed straight after the line.
    private async Task RefuseAsync(TcpClient tcp)
    {
        using TcpClient client = tcp;
        try
        {
            client.Client.Blocking = false;
            client.Client.Send(Line(w => Error(w, $"too many clients: this server serves at most {EffectiveMaxClients} at once; try again later")));
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            return; // it went away already
        }

        if (!_refusals.Wait(0))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(RefusalTimeout);
            NetworkStream stream = client.GetStream();
            byte[] drain = new byte[256];
            while (await stream.ReadAsync(drain, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // It went away, or took too long to: closed either way.
        }
        finally
        {
            _refusals.Release();
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
            Interlocked.Decrement(ref _clients);
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

    // gpsd commands: ?NAME; or ?NAME={json}; — separated by ';' or newlines. A command longer than
    // MaxCommandLength is one error, and the rest of its line (whatever ';' it holds) is skipped:
    // a flood of junk is one rejected command, not thousands of answers.
    private async Task ReadCommandsAsync(Session session, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1024];
        byte[] command = new byte[MaxCommandLength];
        int length = 0;
        bool skippingLine = false;
        while (true)
        {
            int read = await session.Stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                if (skippingLine)
                {
                    skippingLine = b != (byte)'\n';
                }
                else if (b == (byte)';' || b == (byte)'\n')
                {
                    string text = Encoding.ASCII.GetString(command, 0, length).Trim();
                    length = 0;
                    if (text.Length > 0)
                    {
                        await session.WriteAsync(Respond(session, text), cancellationToken).ConfigureAwait(false);
                    }
                }
                else if (length == MaxCommandLength)
                {
                    length = 0;
                    skippingLine = true;
                    await session.WriteAsync(Line(w => Error(w, $"Request too long (over {MaxCommandLength} bytes); the rest of the line is ignored")), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    command[length++] = b;
                }
            }
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
