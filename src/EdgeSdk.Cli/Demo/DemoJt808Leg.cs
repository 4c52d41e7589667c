using System.Net;
using EdgeSdk.Gnss;
using EdgeSdk.Jt808;
using EdgeSdk.Jt808.Terminal;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Faults;

namespace EdgeSdk.Cli.Demo;

/// <summary>
/// The demo's optional JT/T 808 leg (<c>demo --jt808</c>): the same fixes also go to a <see cref="Jt808Terminal"/>
/// reporting every second (the platform sets 0x0028/0x0029) to the <see cref="Jt808Platform"/> simulator through a
/// relay that the demo's outage takes down, so the platform shows live 0x0200 reports and, after the outage, the
/// 0x0704 blind-area batch. Only wiring and counting; the behaviour is the library's.
/// </summary>
internal sealed class DemoJt808Leg : IAsyncDisposable
{
    private const string Phone = "013800000042";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly Jt808Platform _platform;
    private readonly TcpOutageRelay _relay;
    private readonly Jt808Terminal _terminal;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<DateTime> _times = [];
    private readonly Task _running, _consuming;
    private readonly Action<string> _event;
    private long _live, _batches, _batched, _duplicates;

    private DemoJt808Leg(string stateDirectory, Action<string> onEvent)
    {
        _event = onEvent;
        _platform = new Jt808Platform();
        _platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        _relay = new TcpOutageRelay(_platform.LocalEndPoint);
        _terminal = new Jt808Terminal(new Jt808TerminalOptions
        {
            Host = "127.0.0.1",
            Port = _relay.Port,
            Phone = Phone,
            StateDirectory = stateDirectory,
            ReconnectDelayInitial = TimeSpan.FromMilliseconds(200),
            ReconnectDelayMaximum = TimeSpan.FromSeconds(1),
            ResponseTimeout = TimeSpan.FromSeconds(2),
        });
        _running = _terminal.RunAsync(_stop.Token);
        _consuming = ConsumeAsync(_stop.Token);
    }

    public string Endpoint => $"tcp://127.0.0.1:{_platform.LocalEndPoint.Port}";

    /// <summary>Starts the platform and the terminal, and has the platform ask for a report every second.</summary>
    public static async Task<DemoJt808Leg> StartAsync(string stateDirectory, Action<string> onEvent, CancellationToken cancellationToken)
    {
        var leg = new DemoJt808Leg(stateDirectory, onEvent);
        try
        {
            await leg._platform.WaitForTerminalAsync(Phone, Wait, cancellationToken: cancellationToken).ConfigureAwait(false);
            await leg._platform.SetParametersAsync(Phone, [Jt808Parameter.FromUnsigned(0x0029, 1, 4), Jt808Parameter.FromUnsigned(0x0028, 1, 4)], Wait, cancellationToken)
                .ConfigureAwait(false);
            onEvent($"jt808: terminal {Phone} registered and authenticated on the platform at {leg.Endpoint}");
            return leg;
        }
        catch
        {
            await leg.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Report(GnssFix fix)
    {
        if (fix.TryGetPositionSample(out PositionSample sample))
        {
            _terminal.Report(sample);
        }
    }

    public void TakeDown() => _relay.TakeDown();

    public void BringUp() => _relay.BringUp();

    public Jt808TerminalStatus Status => _terminal.Status;

    /// <summary>Waits until the terminal's queue is empty and the platform has every acknowledged report.</summary>
    public async Task<bool> FinishAsync(TimeSpan timeout)
    {
        bool drained = await _terminal.WaitUntilDrainedAsync(timeout).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Received < _terminal.Status.Acknowledged && clock.Elapsed < timeout)
        {
            await Task.Delay(20).ConfigureAwait(false); // the platform publishes a report just after answering it
        }

        return drained && Received >= _terminal.Status.Acknowledged;
    }

    private long Received
    {
        get
        {
            lock (_times)
            {
                return _times.Count;
            }
        }
    }

    /// <summary>The summary line: what the platform received, as 0x0200 and in 0x0704 batches, and what the terminal kept.</summary>
    public (string Line, bool Ok) Summary()
    {
        Jt808TerminalStatus s = _terminal.Status;
        long received = Received, duplicates = Interlocked.Read(ref _duplicates);
        // A report in flight when the outage cut the connection is sent again (JT/T 808 has no idempotency key): counted, not a loss.
        bool ok = received == s.ReportsMade && s.Queued == 0 && s.Dropped + s.Lost + s.StoreFailures + s.Rejected == 0;
        return ($"{received} reports on the platform: {Interlocked.Read(ref _live)} as 0x0200, {Interlocked.Read(ref _batched)} in " +
            $"{Interlocked.Read(ref _batches)} 0x0704 blind-area batches; terminal {s.ReportsMade} made, {s.Acknowledged} acknowledged, {s.Queued} queued, " +
            $"{duplicates} duplicates, {s.Connections} connections", ok);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (Jt808ReceivedMessage m in _platform.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (m.Message?.Body)
                {
                    case Jt808LocationReport report:
                        Interlocked.Increment(ref _live);
                        Count(report);
                        break;
                    case Jt808LocationBatch batch:
                        Interlocked.Increment(ref _batches);
                        Interlocked.Add(ref _batched, batch.Reports.Length);
                        _event($"jt808: platform received a 0x0704 blind-area batch of {batch.Reports.Length} reports");
                        foreach (Jt808LocationReport r in batch.Reports)
                        {
                            Count(r);
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Count(Jt808LocationReport report)
    {
        if (report.TryGetTimeUtc(out DateTime time))
        {
            lock (_times)
            {
                if (!_times.Add(time))
                {
                    Interlocked.Increment(ref _duplicates);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _terminal.DisposeAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _relay.DisposeAsync().ConfigureAwait(false);
        await _platform.DisposeAsync().ConfigureAwait(false);
        await _consuming.ConfigureAwait(false);
        _stop.Dispose();
    }
}
