using EdgeSdk.Rdss;
using EdgeSdk.Simulation.Rdss;
using EdgeSdk.Telemetry;

namespace EdgeSdk.Cli.Demo;

/// <summary>
/// The demo's <c>--rdss</c> leg: a simulated BeiDou truck card and command-centre card on two virtual serial ports,
/// the tracker's <see cref="RdssFallbackReporter"/> watching the demo's publisher, and the platform's
/// <see cref="RdssReportForwarder"/> feeding the demo's consumer. During the broker outage, positions reach the
/// platform by satellite before the broker is back; afterwards their MQTT copies arrive as upgrades, not new fixes.
/// Times are simulated seconds (the demo's speedup).
/// </summary>
internal sealed class DemoRdssLeg : IAsyncDisposable
{
    /// <summary>The cards' service interval and the outage threshold, in simulated seconds: short, so a 20-s outage shows reports.</summary>
    public const double IntervalSeconds = 5, ThresholdSeconds = 4;

    private const int TruckCard = 179773, CentreCard = 4207733;
    private readonly SimulatedRdssTerminal _truckSim, _centreSim;
    private readonly RdssTerminal _truck, _centre;
    private readonly RdssFallbackReporter _reporter;
    private readonly RdssReportForwarder _forwarder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _forwarding;
    private readonly Action<string> _event;

    private DemoRdssLeg(SimulatedRdssTerminal truckSim, SimulatedRdssTerminal centreSim, RdssTerminal truck, RdssTerminal centre,
        TelemetryPublisher publisher, TelemetryConsumer consumer, string fleet, string deviceId, TimeProvider clock, Action<string> onEvent)
    {
        _truckSim = truckSim;
        _centreSim = centreSim;
        _truck = truck;
        _centre = centre;
        _event = onEvent;
        _reporter = new RdssFallbackReporter(publisher, truck, CentreCard, new RdssFallbackOptions
        {
            OutageThreshold = TimeSpan.FromSeconds(ThresholdSeconds),
            PollInterval = TimeSpan.FromSeconds(0.5),
            TimeProvider = clock,
        });
        _forwarder = new RdssReportForwarder(consumer, fleet, new Dictionary<int, string> { [TruckCard] = deviceId });
        _forwarding = Task.Run(() => ForwardAsync(_stop.Token));
    }

    /// <summary>Fixes the platform received by satellite (new to it when they came).</summary>
    public long SatelliteFixes => _forwarder.NewFixes;

    /// <summary>Starts the cards on their ports and the fallback.</summary>
    public static async Task<DemoRdssLeg> StartAsync(TelemetryPublisher publisher, TelemetryConsumer consumer, string fleet, string deviceId,
        double speedup, Action<string> onEvent, CancellationToken cancellationToken)
    {
        var clock = new DemoClock(speedup);
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromSeconds(1), TimeProvider = clock });
        SimulatedRdssTerminal truckSim = network.OpenTerminal(new SimulatedRdssCard { UserId = TruckCard, ServiceInterval = TimeSpan.FromSeconds(IntervalSeconds) });
        SimulatedRdssTerminal centreSim = network.OpenTerminal(new SimulatedRdssCard { UserId = CentreCard, ServiceInterval = TimeSpan.FromSeconds(IntervalSeconds), SubordinateCount = 1 });
        var options = new RdssTerminalOptions { TimeProvider = clock, FeedbackTimeout = TimeSpan.FromSeconds(30) };
        RdssTerminal truck = RdssTerminal.OpenSerial(truckSim.DevicePath!, options: options);
        RdssTerminal centre = RdssTerminal.OpenSerial(centreSim.DevicePath!, options: options);
        await truck.GetCardInfoAsync(cancellationToken).ConfigureAwait(false);
        onEvent($"BeiDou card {TruckCard} on {truckSim.DevicePath}: one short message per {IntervalSeconds:0} s to the centre's card {CentreCard} once the broker is gone {ThresholdSeconds:0} s");
        return new DemoRdssLeg(truckSim, centreSim, truck, centre, publisher, consumer, fleet, deviceId, clock, onEvent);
    }

    /// <summary>The summary line: what came by satellite, and whether the consumer still had each fix once.</summary>
    public (string Line, bool Ok) Summary(TelemetryConsumerCounters consumer)
    {
        bool ok = _reporter.ReportsFailed == 0 && consumer.Upgrades == consumer.SatelliteFixes && _forwarder.NotReports + _forwarder.UnknownSender == 0;
        string line = $"{_forwarder.NewFixes} fixes came by satellite in {_forwarder.Reports} reports while the broker was unreachable " +
            $"({_reporter.ReportsSent} sent, {_reporter.ReportsFailed} not sent); the platform got each fix once: " +
            $"{consumer.Upgrades} of them upgraded by their MQTT copy, not counted twice";
        return (line, ok);
    }

    public async ValueTask DisposeAsync()
    {
        await _reporter.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _forwarding.ConfigureAwait(false);
        await _truck.DisposeAsync().ConfigureAwait(false);
        await _centre.DisposeAsync().ConfigureAwait(false);
        await _truckSim.DisposeAsync().ConfigureAwait(false);
        await _centreSim.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ForwardAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (RdssMessage m in _centre.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                int fresh = await _forwarder.ForwardAsync(m, cancellationToken).ConfigureAwait(false);
                _event($"satellite: report of {m.Payload.Length} bytes from card {m.SenderUserId}, {fresh} new fixes at the platform");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Demo over.
        }
    }
}
