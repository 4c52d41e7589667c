using EdgeSdk.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSdk.Fleet;

/// <summary>
/// Subscribes to a fleet and writes every fix batch and device event into a <see cref="FleetStore"/>, then
/// acknowledges it to the broker: only after the commit, so a crash or a database outage loses nothing (the
/// broker redelivers) and duplicates nothing (the store's key ignores copies). While the database is down it
/// keeps the current batch, retries with backoff and stops reading; the broker holds the rest.
/// </summary>
public sealed partial class FleetIngestor : IAsyncDisposable
{
    private readonly FleetIngestorOptions _options;
    private readonly ILogger _logger;
    private readonly TelemetryConsumer _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private FleetStore? _store;
    private Task _writer = Task.CompletedTask;
    private long _fixesInserted, _fixesAlreadyStored, _eventsInserted, _transactions, _acknowledged, _failures;
    private bool _down;
    private string? _lastError;
    private int _disposed;

    /// <summary>Creates an ingestor; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">The consumer has no fixed client ID.</exception>
    public FleetIngestor(FleetIngestorOptions options, ILogger<FleetIngestor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchFixes, 1);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        TelemetryConsumerOptions c = options.Consumer;
        if (string.IsNullOrEmpty(c.Connection.ClientId))
        {
            // Without a session the broker forgets unacknowledged messages when the connection drops, and a
            // late PUBACK could acknowledge a different message that reuses the packet identifier.
            throw new ArgumentException("the fleet ingester needs a fixed MQTT client ID (a persistent session), e.g. --client-id platform-1; give each ingester its own");
        }

        _consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = c.Connection,
            Fleet = c.Fleet,
            DeviceId = c.DeviceId,
            SharedSubscriptionGroup = c.SharedSubscriptionGroup,
            SessionExpiry = c.SessionExpiry,
            MaxPayloadBytes = c.MaxPayloadBytes,
            MaxPacketBytes = c.MaxPacketBytes,
            Capacity = c.Capacity,
            AcknowledgeAfterStore = true,
        });
    }

    /// <summary>Raised after each commit with the messages it stored (before they are acknowledged); runs on the writer, keep it short.</summary>
    public event Action<IReadOnlyList<ReceivedMessage>>? Committed;

    /// <summary>The store, once started: for queries.</summary>
    public FleetStore Store => _store ?? throw new InvalidOperationException("the ingestor has not been started");

    /// <summary>A snapshot of the counters.</summary>
    public FleetIngestorStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new FleetIngestorStatus
                {
                    FixesInserted = _fixesInserted,
                    FixesAlreadyStored = _fixesAlreadyStored,
                    EventsInserted = _eventsInserted,
                    Transactions = _transactions,
                    MessagesAcknowledged = Interlocked.Read(ref _acknowledged),
                    WriteFailures = _failures,
                    DatabaseDown = _down,
                    LastError = _lastError,
                    SatelliteFixesInserted = _satelliteFixesInserted,
                    SatelliteFixesAlreadyStored = _satelliteFixesAlreadyStored,
                    FixesUpgraded = _fixesUpgraded,
                    Consumer = _consumer.Counters,
                };
            }
        }
    }

    /// <summary>Opens the store (applying migrations), then subscribes and starts writing in the background.</summary>
    /// <exception cref="IOException">The database or the broker cannot be reached; the message names which.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _store = await FleetStore.OpenAsync(_options.ConnectionString, cancellationToken).ConfigureAwait(false);
        await _consumer.StartAsync(cancellationToken).ConfigureAwait(false);
        CancellationToken stop = _stop.Token;
        _writer = Task.Run(() => WriteLoopAsync(stop), CancellationToken.None);
    }

    /// <summary>Stops: the batch being written is committed or left unacknowledged (the broker redelivers it); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _writer.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync(CancellationToken stop)
    {
        var batch = new List<ReceivedMessage>();
        var backoff = new ExponentialBackoff(_options.RetryInitialDelay, _options.RetryMaxDelay);
        try
        {
            while (await _consumer.Messages.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                // Whatever has arrived, up to the batch size: a backlog goes in large transactions, a trickle in small ones.
                int fixes = 0;
                while (fixes < _options.MaxBatchFixes && _consumer.Messages.TryRead(out ReceivedMessage? message))
                {
                    batch.Add(message);
                    fixes += message.Fixes.Count;
                }

                FleetWriteResult result = await WriteWithRetryAsync(ct => _store!.WriteAsync(batch, ct), backoff, stop).ConfigureAwait(false);
                lock (_lock)
                {
                    // Counted at the commit: a stop between the commit and the acknowledgements must not hide rows.
                    _fixesInserted += result.FixesInserted;
                    _fixesAlreadyStored += result.FixesAlreadyStored;
                    _fixesUpgraded += result.FixesUpgraded;
                    _eventsInserted += result.EventsInserted;
                    _transactions++;
                }

                Committed?.Invoke(batch);
                foreach (ReceivedMessage message in batch)
                {
                    // Not cancellable: what is committed is acknowledged if the connection still stands.
                    await message.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Increment(ref _acknowledged);
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: an uncommitted batch stays unacknowledged and comes back from the broker.
        }
        catch (Exception ex)
        {
            // A bug, not an outage: stop writing (nothing more is acknowledged, the broker keeps it) and say why.
            lock (_lock)
            {
                _lastError = $"the writer stopped: {ex}";
            }

            LogWriterStopped(_logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Critical, "The fleet writer stopped; nothing more is acknowledged")]
    private static partial void LogWriterStopped(ILogger logger, Exception exception);

    private async Task<T> WriteWithRetryAsync<T>(Func<CancellationToken, Task<T>> write, ExponentialBackoff backoff, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                T result = await write(stop).ConfigureAwait(false);
                if (backoff.Failures > 0)
                {
                    LogDatabaseBack(_logger, _store!.Description, backoff.Failures);
                }

                backoff.Reset();
                lock (_lock)
                {
                    _down = false;
                }

                return result;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested && FleetStore.IsUnavailable(ex))
            {
                lock (_lock)
                {
                    _failures++;
                    _down = true;
                    _lastError = ex.Message;
                }

                TimeSpan delay = backoff.Next();
                LogWriteFailed(_logger, _store!.Description, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Writing to {Database} failed ({Reason}); nothing acknowledged, retrying in {DelayMs:F0} ms")]
    private static partial void LogWriteFailed(ILogger logger, string database, string reason, double delayMs);

    [LoggerMessage(LogLevel.Information, "{Database} accepts writes again after {Failures} failed attempts")]
    private static partial void LogDatabaseBack(ILogger logger, string database, int failures);
}
