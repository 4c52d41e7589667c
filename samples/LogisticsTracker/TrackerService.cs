using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace LogisticsTracker;

/// <summary>
/// Reads the receiver and hands every fix to the publisher, whose durable queue keeps it until the
/// broker acknowledges it (tunnels, dead zones, reboots). A source or queue that cannot be opened
/// stops the service with <see cref="Failure"/> set, so the program exits with one line.
/// </summary>
public sealed class TrackerService(GnssReceiver receiver, TelemetryPublisher publisher, TrackerSettings settings,
    IHostApplicationLifetime lifetime, ILogger<TrackerService> logger) : BackgroundService
{
    /// <summary>Why the service stopped on its own, or null.</summary>
    public string? Failure { get; private set; }

    public TelemetryPublisher Publisher => publisher;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        publisher.EventRaised += (_, e) => logger.LogInformation("telemetry: {Message}", e.Message);
        receiver.StatusChanged += (_, e) => logger.LogInformation("gnss: {Status}", e.Text);
        try
        {
            await publisher.StartAsync(stoppingToken);
            if (publisher.Recovery is { RecordsRecovered: > 0 } recovery)
            {
                logger.LogInformation("{Count} fixes from before the restart are queued and will be sent", recovery.RecordsRecovered);
            }

            await foreach (GnssFix fix in receiver.ReadFixesAsync(stoppingToken))
            {
                publisher.TryEnqueue(fix); // never blocks; a full hand-off is counted in publisher.Counters
            }
        }
        catch (IOException ex)
        {
            Failure = ex.Message;
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued stays on disk for the next start.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Failure != null)
        {
            return; // RunAsync prints it as the one line
        }

        await publisher.WaitUntilDrainedAsync(TimeSpan.FromSeconds(settings.DrainSeconds), cancellationToken);

        TelemetryPublisherCounters status = publisher.Counters;
        logger.LogInformation("stopped: {Accepted} fixes, {Acknowledged} acknowledged, {Queued} still queued, {Dropped} dropped, {Refused} refused, {Lost} lost",
            status.Accepted, status.Acknowledged, status.Queued, status.Dropped, status.HandoffDropped + status.StoreFailures, status.Lost);
        // The container disposes the publisher (closing the queue) and the receiver after this.
    }
}
