using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The life of a cockpit service: <see cref="CockpitHostedService"/> starts it with the host and stops it on
/// shutdown. A service with background work (a databroker subscription, a fix reader) overrides
/// <see cref="RunAsync"/>; a failure there marks the service <see cref="CockpitServiceState.Faulted"/> and is logged,
/// it does not stop the host.
/// </summary>
public abstract class CockpitServiceBase : ICockpitService, IHostedService, IDisposable
{
    private CancellationTokenSource? _stopping;
    private Task _running = Task.CompletedTask;
    private int _state;
    private Exception? _fault;

    /// <summary>Creates a service named <paramref name="name"/>.</summary>
    protected CockpitServiceBase(string name, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Logger = logger;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public CockpitServiceState State => (CockpitServiceState)Volatile.Read(ref _state);

    /// <inheritdoc />
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <inheritdoc />
    public abstract CockpitStreamCounters StreamCounters { get; }

    /// <summary>The logger given to the constructor, or null (silent).</summary>
    protected ILogger? Logger { get; }

    /// <summary>Starts <see cref="RunAsync"/> in the background and returns.</summary>
    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        if (State == CockpitServiceState.Running)
        {
            return Task.CompletedTask;
        }

        _stopping = new CancellationTokenSource();
        Volatile.Write(ref _state, (int)CockpitServiceState.Running);
        CancellationToken token = _stopping.Token;
        _running = Task.Run(() => RunAndWatchAsync(token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Cancels <see cref="RunAsync"/>, waits for it (or for <paramref name="cancellationToken"/>), then calls <see cref="OnStopped"/>.</summary>
    public virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not { } stopping)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        stopping.Dispose();
        _stopping = null;
        if (State == CockpitServiceState.Running)
        {
            Volatile.Write(ref _state, (int)CockpitServiceState.Stopped);
        }

        OnStopped();
    }

    /// <summary>Releases the service's resources (the container calls it when the host is disposed).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; override to release your own and call the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping?.Cancel();
            _stopping?.Dispose();
            _stopping = null;
        }
    }

    /// <summary>The service's background work, until <paramref name="stoppingToken"/> is cancelled. The default does nothing.</summary>
    protected virtual Task RunAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    /// <summary>Called once the background work ended on stop: complete the change streams here.</summary>
    protected virtual void OnStopped()
    {
    }

    private async Task RunAndWatchAsync(CancellationToken token)
    {
        try
        {
            await RunAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a service's failure is recorded and logged; the host and the other services go on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _fault, ex);
            Volatile.Write(ref _state, (int)CockpitServiceState.Faulted);
            if (Logger != null)
            {
                CockpitLog.ServiceFaulted(Logger, Name, ex.Message, ex);
            }
        }
    }
}
