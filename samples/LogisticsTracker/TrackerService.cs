using EdgeSdk.Devices;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace LogisticsTracker;

/// <summary>
/// Reads the receiver and hands every fix to the publisher, whose durable queue keeps it until the
/// broker acknowledges it (tunnels, dead zones, reboots). A source or queue that cannot be opened
/// stops the service with <see cref="Failure"/> set, so the program exits with one line. An optional
/// OLED shows the fix, the queue and the broker link at most once a second; a display that does not
/// answer is logged once and retried, and never stops the tracker.
/// </summary>
public sealed class TrackerService(GnssReceiver receiver, TelemetryPublisher publisher, TrackerSettings settings,
    IHostApplicationLifetime lifetime, ILogger<TrackerService> logger, OledStatusDisplay? display = null,
    DrivingEventTelemetry? imu = null, Func<DateTime>? imuClock = null) : BackgroundService
{
    /// <summary>The IMU's bridge to the publisher's durable event queue, or null when no IMU is configured.</summary>
    public DrivingEventTelemetry? Imu => imu;

    /// <summary>The status display, or null when none is configured.</summary>
    public OledStatusDisplay? Display => display;

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

            Task imuLoop = imu is null ? Task.CompletedTask : Task.Run(() => ReadImuAsync(imu, stoppingToken), CancellationToken.None);
            try
            {
                await foreach (GnssFix fix in receiver.ReadFixesAsync(stoppingToken))
                {
                    publisher.TryEnqueue(fix); // never blocks; a full hand-off is counted in publisher.Counters
                    ShowStatus(fix);
                }
            }
            finally
            {
                await imuLoop;
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

    // The IMU at its own rate, beside the fixes: an absent or failing sensor is logged once per change of state
    // and retried at every tick; it never stops the fixes.
    private async Task ReadImuAsync(DrivingEventTelemetry bridge, CancellationToken stoppingToken)
    {
        Func<DateTime> clock = imuClock ?? (() => DateTime.UtcNow);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, settings.ImuPollMilliseconds)));
        SensorState reported = SensorState.NotStarted;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long before = bridge.EventsQueued + bridge.EventsRefused;
                bridge.Poll(clock());
                if (bridge.State != reported)
                {
                    reported = bridge.State;
                    logger.Log(reported == SensorState.Working ? LogLevel.Information : LogLevel.Warning, "imu: {Status}", bridge.StatusMessage);
                }

                if (bridge.EventsQueued + bridge.EventsRefused != before && bridge.LastEvent is { } e)
                {
                    logger.LogInformation("driving event: {Detail} at {Time:O}", DrivingEventTelemetry.Describe(e), e.TimeUtc);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void ShowStatus(GnssFix fix)
    {
        if (display is not { IsUpdateDue: true })
        {
            return;
        }

        TelemetryPublisherCounters status = publisher.Counters;
        display.Show(TrackerStatus.FromFix(fix, settings.DeviceId!, status.Queued, status.Dropped + status.HandoffDropped,
            status.Connected ? BrokerLinkState.Connected : BrokerLinkState.Disconnected));
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
