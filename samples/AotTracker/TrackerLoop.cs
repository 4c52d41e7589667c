using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace AotTracker;

/// <summary>The running tracker: fixes in, status lines out, and the drain at the end.</summary>
internal sealed class TrackerLoop(TrackerArguments arguments, GnssReceiver receiver, TelemetryPublisher publisher, TextWriter output, TextWriter error)
{
    private long _read;
    private bool _stopped; // under the lock on output

    public async Task<int> RunAsync(CancellationToken stop)
    {
        // The events come from background threads, also while the publisher closes: "stopped:" stays the last line.
        receiver.StatusChanged += (_, e) => WriteUnlessStopped($"gnss: {e.Text}");
        publisher.EventRaised += (_, e) => WriteUnlessStopped($"mqtt: {e.Message}");
        if (publisher.Recovery is { RecordsRecovered: > 0 } recovery)
        {
            Write($"queue: {recovery.RecordsRecovered} fixes from the last run will be sent first");
        }

        using var statusStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task status = PrintStatusAsync(statusStop.Token);
        try
        {
            await ReadAsync(stop);
            if (!stop.IsCancellationRequested && receiver.Source.IsFinite)
            {
                // The end of a file: wait for the broker as long as it makes progress, or until Ctrl+C.
                if (!await DrainWhileProgressingAsync(stop) && !stop.IsCancellationRequested)
                {
                    TelemetryPublisherCounters counters = publisher.Counters;
                    await error.WriteLineAsync(TrackerRun.Format(
                        $"AotTracker: the broker at {arguments.Mqtt} acknowledged nothing for {arguments.Drain.TotalSeconds:0.#} s ({counters.LastError ?? "no answer"}): {counters.Queued} fixes stay in the queue for the next run; check the address and that the broker runs"));
                    PrintStopped();
                    return TrackerRun.ExitCannotOpen;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"AotTracker: the GNSS source cannot be read: {ex.Message}");
            return TrackerRun.ExitCannotOpen;
        }
        finally
        {
            await statusStop.CancelAsync();
            await status;
        }

        if (stop.IsCancellationRequested)
        {
            await publisher.WaitUntilDrainedAsync(arguments.Drain, CancellationToken.None);
        }

        PrintStopped();
        return TrackerRun.ExitOk;
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        bool finite = receiver.Source.IsFinite;
        try
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(stop))
            {
                if (Interlocked.Increment(ref _read) == 1)
                {
                    Write(TrackerRun.Format($"first fix: {fix.TimeUtc:O} {(fix.LatitudeDegrees is double latitude && fix.LongitudeDegrees is double longitude ? $"{latitude:0.0000000} {longitude:0.0000000}" : "no position")}"));
                }

                if (finite)
                {
                    await publisher.EnqueueAsync(fix, stop); // a file waits for the queue writer: nothing refused
                }
                else
                {
                    publisher.TryEnqueue(fix); // a live receiver never waits; a full hand-off is counted
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the drain follows.
        }
    }

    private async Task<bool> DrainWhileProgressingAsync(CancellationToken stop)
    {
        long acknowledged = -1;
        DateTime lastProgress = DateTime.UtcNow;
        try
        {
            while (!await publisher.WaitUntilDrainedAsync(TimeSpan.FromMilliseconds(500), stop))
            {
                long now = publisher.Counters.Acknowledged;
                if (now != acknowledged)
                {
                    (acknowledged, lastProgress) = (now, DateTime.UtcNow);
                }
                else if (DateTime.UtcNow - lastProgress >= arguments.Drain)
                {
                    return false;
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task PrintStatusAsync(CancellationToken stop)
    {
        if (arguments.StatusInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(arguments.StatusInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                TelemetryPublisherCounters c = publisher.Counters;
                Write(TrackerRun.Format(
                    $"status: {Interlocked.Read(ref _read)} fixes read, {c.Queued} queued, {c.Acknowledged} acked, {c.Undelivered} not delivered, broker {(c.Connected ? "connected" : "down")}"));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void PrintStopped()
    {
        lock (output)
        {
            _stopped = true;
        }

        TelemetryPublisherCounters c = publisher.Counters;
        Write(TrackerRun.Format(
            $"stopped: {Interlocked.Read(ref _read)} fixes read, {c.Acknowledged} acked, {c.Queued} still queued, {c.Undelivered} not delivered"));
    }

    private void WriteUnlessStopped(string line)
    {
        lock (output)
        {
            if (!_stopped)
            {
                Write(line);
            }
        }
    }

    // Status goes to standard output, one line at a time from any thread; standard error holds only the failure.
    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
