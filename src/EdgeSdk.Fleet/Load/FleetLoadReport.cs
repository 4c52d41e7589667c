using System.Globalization;
using System.Text;

namespace EdgeSdk.Fleet;

/// <summary>
/// What a <see cref="FleetLoadTest"/> run measured. Fixes are counted at three places: handed to the vehicles'
/// publishers, acknowledged by the broker (PUBACK: the device may forget them), and rows in the store; the last
/// two must be equal per vehicle and sequence number.
/// </summary>
public sealed record FleetLoadReport
{
    /// <summary>The fleet name the run used in the store.</summary>
    public required string Fleet { get; init; }

    /// <summary>Simulated vehicles.</summary>
    public int Vehicles { get; init; }

    /// <summary>Fixes per second per vehicle.</summary>
    public double RateHertz { get; init; }

    /// <summary>How long the vehicles actually produced fixes, in seconds.</summary>
    public double GeneratingSeconds { get; init; }

    /// <summary>Consumer processes in the shared-subscription group.</summary>
    public int Consumers { get; init; }

    /// <summary>Fixes handed to the publishers.</summary>
    public long FixesGenerated { get; init; }

    /// <summary>Fixes a publisher refused or gave up on (hand-off full, queue full, disk errors, broker refusals): <see cref="EdgeSdk.Telemetry.TelemetryPublisherCounters.Undelivered"/> summed.</summary>
    public long FixesUndelivered { get; init; }

    /// <summary>Fixes the broker acknowledged to the vehicles.</summary>
    public long FixesAcknowledged { get; init; }

    /// <summary>Fix rows of the run's fleet in the store.</summary>
    public long RowsStored { get; init; }

    /// <summary>Acknowledged fixes with no row (summed per vehicle): must be 0.</summary>
    public long Lost { get; init; }

    /// <summary>Rows beyond the acknowledged fixes (summed per vehicle), or sequence numbers stored twice: must be 0.</summary>
    public long Duplicated { get; init; }

    /// <summary>Vehicles whose stored sequence numbers are not exactly 1..acknowledged.</summary>
    public int VehiclesMismatched { get; init; }

    /// <summary>Device event rows (reconnects after the broker restarts) stored for the fleet.</summary>
    public long EventsStored { get; init; }

    /// <summary>Fixes the consumers received again that were already stored (redeliveries after the faults), absorbed by the store's key.</summary>
    public long RedeliveriesAbsorbed { get; init; }

    /// <summary>Acknowledged fixes per second of generating.</summary>
    public double AcceptedFixesPerSecond => GeneratingSeconds <= 0 ? 0 : FixesAcknowledged / GeneratingSeconds;

    /// <summary>Median latency from fix time to the row's insert in the committing transaction, in milliseconds.</summary>
    public double LatencyP50Milliseconds { get; init; }

    /// <summary>99th percentile of the same latency, in milliseconds.</summary>
    public double LatencyP99Milliseconds { get; init; }

    /// <summary>Largest latency, in milliseconds.</summary>
    public double LatencyMaxMilliseconds { get; init; }

    /// <summary>Broker restarts injected.</summary>
    public int BrokerRestarts { get; init; }

    /// <summary>Consumers killed with SIGKILL (and restarted).</summary>
    public int ConsumerKills { get; init; }

    /// <summary>Malformed or oversized messages the rogue client published.</summary>
    public int RogueMessagesSent { get; init; }

    /// <summary>Messages the consumers counted as malformed or oversized (from their summaries; a killed consumer's count before the kill is gone).</summary>
    public long RogueMessagesCounted { get; init; }

    /// <summary>True when every queue emptied and every acknowledged fix was in the store before the settle timeout.</summary>
    public bool Settled { get; init; }

    /// <summary>Seconds from the end of generating until the store held every acknowledged fix.</summary>
    public double SettleSeconds { get; init; }

    /// <summary>The load process and each consumer, with their memory.</summary>
    public IReadOnlyList<FleetLoadProcess> Processes { get; init; } = [];

    /// <summary>The machine's 1/5/15-minute load averages at the start and the end (/proc/loadavg), for reading the numbers.</summary>
    public string LoadAverage { get; init; } = string.Empty;

    /// <summary>What happened during the run, in order (faults, reconnects, settling), with seconds since the start.</summary>
    public IReadOnlyList<string> Timeline { get; init; } = [];

    /// <summary>True when nothing was lost or duplicated and the run settled.</summary>
    public bool Passed => Settled && Lost == 0 && Duplicated == 0 && VehiclesMismatched == 0 && FixesUndelivered == 0;

    /// <summary>The summary, one fact per line, as <c>edgesdk load</c> prints it.</summary>
    public override string ToString()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"load: {Vehicles} vehicles at {RateHertz:G} Hz for {GeneratingSeconds:F1} s, {Consumers} consumer processes, fleet {Fleet}");
        text.AppendLine(c, $"faults: broker restarted {BrokerRestarts}x, consumer SIGKILLed {ConsumerKills}x, rogue messages {RogueMessagesSent} sent / {RogueMessagesCounted} counted by consumers");
        text.AppendLine(c, $"fixes: {FixesGenerated} generated, {FixesAcknowledged} acknowledged by the broker, {RowsStored} rows stored, {FixesUndelivered} undelivered at the devices");
        text.AppendLine(c, $"store: {Lost} lost, {Duplicated} duplicated, {VehiclesMismatched} vehicles mismatched, {RedeliveriesAbsorbed} redeliveries absorbed, {EventsStored} device events");
        text.AppendLine(c, $"throughput: {AcceptedFixesPerSecond:F0} fixes/s accepted; settled {(Settled ? "yes" : "NO")} {SettleSeconds:F1} s after the vehicles stopped");
        text.AppendLine(c, $"latency fix -> row: p50 {LatencyP50Milliseconds:F0} ms, p99 {LatencyP99Milliseconds:F0} ms, max {LatencyMaxMilliseconds:F0} ms");
        foreach (FleetLoadProcess process in Processes)
        {
            text.AppendLine(c, $"rss {process.Name} (pid {process.ProcessId}): {process.RssBytes / 1048576.0:F1} MiB, peak {process.PeakRssBytes / 1048576.0:F1} MiB");
        }

        text.AppendLine(c, $"load average (1/5/15 min): {LoadAverage}");
        text.Append(Passed ? "result: PASS (0 lost, 0 duplicated)" : "result: FAIL");
        return text.ToString();
    }
}
