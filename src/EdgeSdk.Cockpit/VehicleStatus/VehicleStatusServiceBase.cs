using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to supply vehicle status from its own source: call <see cref="CockpitStateServiceBase{TState}.Publish"/> with every new
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
public abstract class VehicleStatusServiceBase : CockpitStateServiceBase<VehicleStatus>, IVehicleStatusService
{
    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread snapshots.</summary>
    protected VehicleStatusServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("vehicle-status", subscriberCapacity, (state, sequence) => state.Sequence = sequence, logger)
    {
    }

    /// <inheritdoc />
    public virtual VehicleStatus GetStatus() => Feed.Latest ?? new VehicleStatus { Lights = new LightsStatus() };

    /// <inheritdoc />
    public virtual IAsyncEnumerable<VehicleStatus> WatchStatusAsync(CancellationToken cancellationToken = default) => Feed.SubscribeAsync(cancellationToken: cancellationToken);
}
