using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to supply vehicle status from its own source: call <see cref="Publish"/> with every new
/// snapshot; reading, the change stream and slow-subscriber handling are done here.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStatus() : VehicleStatusServiceBase(64)
/// {
///     protected override async Task RunAsync(CancellationToken ct)
///     {
///         await foreach (MyFrame f in myBus.ReadAsync(ct))
///             Publish(new VehicleStatus { SpeedKilometersPerHour = f.Speed, CurrentGear = f.Gear });
///     }
/// }
/// // services.AddSingleton&lt;IVehicleStatusService, MyStatus&gt;();   // after AddEdgeSdkCockpit
/// </code>
/// </example>
public abstract class VehicleStatusServiceBase : CockpitServiceBase, IVehicleStatusService
{
    private readonly CockpitFeed<VehicleStatus> _feed;
    private long _sequence;

    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread snapshots.</summary>
    protected VehicleStatusServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("vehicle-status", logger) => _feed = new CockpitFeed<VehicleStatus>(subscriberCapacity);

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters => _feed.Counters;

    /// <inheritdoc />
    public virtual VehicleStatus GetStatus() => _feed.Latest ?? new VehicleStatus { Lights = new LightsStatus() };

    /// <inheritdoc />
    public virtual IAsyncEnumerable<VehicleStatus> WatchStatusAsync(CancellationToken cancellationToken = default) => _feed.SubscribeAsync(cancellationToken: cancellationToken);

    /// <summary>Publishes a new snapshot (its <see cref="VehicleStatus.Sequence"/> is set here); do not change it afterwards.</summary>
    protected void Publish(VehicleStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        status.Sequence = (ulong)Interlocked.Increment(ref _sequence);
        _feed.Publish(status);
    }

    /// <inheritdoc />
    protected override void OnStopped() => _feed.Complete();
}
