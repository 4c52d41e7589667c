using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The default vehicle status: subscribes to the status signals on the <see cref="VssDatabroker"/> (those its tree has)
/// and publishes a snapshot whenever one of them changes. Updates that arrive together make one snapshot.
/// </summary>
public sealed class DatabrokerVehicleStatusService : VehicleStatusServiceBase
{
    private static readonly string[] Positions = ["Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide", "Row2.PassengerSide"];

    // One line per signal: where its value goes in the snapshot. False when the value cannot be read (wrong type).
    private static readonly Dictionary<string, Func<VehicleStatus, VssValue, bool>> Table = BuildTable();

    private readonly VssDatabroker _broker;
    private readonly VehicleStatus _working = new() { Lights = new LightsStatus() };
    private long _unreadable;

    /// <summary>Created by the container (or by hand over a broker).</summary>
    public DatabrokerVehicleStatusService(VssDatabroker broker, IOptions<CockpitOptions> options, ILogger<DatabrokerVehicleStatusService>? logger = null)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.SubscriberCapacity, logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
    }

    /// <summary>The VSS paths read (whether or not the broker's tree has them).</summary>
    public static IReadOnlyCollection<string> Paths => Table.Keys;

    /// <summary>Values that had a type the snapshot cannot hold (a custom tree with other datatypes); counted, skipped.</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        List<VssSignal> signals = VssValues.Existing(_broker.Tree, Table.Keys);
        if (signals.Count == 0)
        {
            return;
        }

        // The broker's queue drops its oldest when full; a newer value of the same signal follows, so nothing stays stale.
        VssError error = _broker.TrySubscribe(signals, VssDatabroker.MaxSubscriptionCapacity, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw new InvalidOperationException($"vehicle status cannot subscribe to the databroker: {error}");
        }

        using (subscription)
        {
            while (await subscription!.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                bool changed = false;
                DateTime newest = default;
                while (subscription.TryRead(out VssUpdate update))
                {
                    if (update.Value.IsNone)
                    {
                        continue;
                    }

                    if (!Table[update.Signal.Path](_working, update.Value))
                    {
                        Interlocked.Increment(ref _unreadable);
                        continue;
                    }

                    changed = true;
                    newest = update.TimestampUtc > newest ? update.TimestampUtc : newest;
                }

                if (changed)
                {
                    _working.UpdatedAt = VssValues.ToTimestamp(newest);
                    Publish(_working.Clone());
                }
            }
        }
    }

    private static Dictionary<string, Func<VehicleStatus, VssValue, bool>> BuildTable()
    {
        var table = new Dictionary<string, Func<VehicleStatus, VssValue, bool>>(StringComparer.Ordinal)
        {
            ["Vehicle.Speed"] = (s, v) => Number(v, x => s.SpeedKilometersPerHour = (float)x),
            ["Vehicle.Powertrain.Transmission.CurrentGear"] = (s, v) => Number(v, x => s.CurrentGear = (int)x),
            ["Vehicle.Powertrain.FuelSystem.RelativeLevel"] = (s, v) => Number(v, x => s.FuelLevelPercent = (float)x),
            ["Vehicle.Powertrain.TractionBattery.StateOfCharge.Current"] = (s, v) => Number(v, x => s.StateOfChargePercent = (float)x),
            ["Vehicle.Powertrain.Range"] = (s, v) => Number(v, x => s.RangeMeters = (uint)Math.Max(0, x)),
            ["Vehicle.Body.Lights.Beam.Low.IsOn"] = (s, v) => Bool(v, x => s.Lights.LowBeamOn = x),
            ["Vehicle.Body.Lights.Beam.High.IsOn"] = (s, v) => Bool(v, x => s.Lights.HighBeamOn = x),
            ["Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"] = (s, v) => Bool(v, x => s.Lights.LeftIndicatorOn = x),
            ["Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"] = (s, v) => Bool(v, x => s.Lights.RightIndicatorOn = x),
            ["Vehicle.Body.Lights.Hazard.IsSignaling"] = (s, v) => Bool(v, x => s.Lights.HazardOn = x),
            ["Vehicle.Body.Lights.Brake.IsActive"] = (s, v) => VssValues.TryString(v, out string brake) && (s.Lights.Brake = brake) != null,
        };
        foreach (string position in Positions)
        {
            table[$"Vehicle.Cabin.Door.{position}.IsOpen"] = (s, v) => Bool(v, x => Upsert(s.Doors, d => d.Position, new DoorStatus { Position = position, IsOpen = x }));
            table[$"Vehicle.Cabin.Door.{position}.Window.Position"] = (s, v) => Number(v, x => Upsert(s.Windows, w => w.Position, new WindowStatus { Position = position, OpenPercent = (uint)Math.Max(0, x) }));
            table[$"Vehicle.Cabin.Seat.{position}.IsBelted"] = (s, v) => Bool(v, x => Upsert(s.SeatBelts, b => b.Position, new SeatBeltStatus { Position = position, IsBelted = x }));
        }

        return table;
    }

    private static bool Number(VssValue value, Action<double> set)
    {
        if (!VssValues.TryNumber(value, out double number))
        {
            return false;
        }

        set(number);
        return true;
    }

    private static bool Bool(VssValue value, Action<bool> set)
    {
        if (!VssValues.TryBool(value, out bool result))
        {
            return false;
        }

        set(result);
        return true;
    }

    // Keeps the list ordered by position, one entry per position.
    private static void Upsert<T>(Google.Protobuf.Collections.RepeatedField<T> list, Func<T, string> position, T item)
    {
        string key = position(item);
        int index = 0;
        while (index < list.Count && string.CompareOrdinal(position(list[index]), key) < 0)
        {
            index++;
        }

        if (index < list.Count && position(list[index]) == key)
        {
            list[index] = item;
        }
        else
        {
            list.Insert(index, item);
        }
    }
}
