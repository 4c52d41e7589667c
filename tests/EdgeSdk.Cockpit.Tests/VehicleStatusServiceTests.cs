using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Grpc.Core;

namespace EdgeSdk.Cockpit.Tests;

public sealed class VehicleStatusServiceTests
{
    private static void Set(VssDatabroker broker, string path, VssValue value) => Assert.Equal(VssError.None, broker.TrySetCurrentValue(path, value));

    [Fact]
    public async Task Status_from_the_databroker_in_process_and_through_grpc()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        VssDatabroker broker = host.Broker;
        Set(broker, "Vehicle.Speed", VssValue.FromFloat(42.5f));
        Set(broker, "Vehicle.Powertrain.Transmission.CurrentGear", VssValue.FromInt32(-1));
        Set(broker, "Vehicle.Powertrain.FuelSystem.RelativeLevel", VssValue.FromUInt32(55));
        Set(broker, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Current", VssValue.FromFloat(80.5f));
        Set(broker, "Vehicle.Powertrain.Range", VssValue.FromUInt32(350_000));
        Set(broker, "Vehicle.Cabin.Door.Row1.PassengerSide.IsOpen", VssValue.FromBool(false));
        Set(broker, "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", VssValue.FromBool(true));
        Set(broker, "Vehicle.Cabin.Door.Row1.DriverSide.Window.Position", VssValue.FromUInt32(25));
        Set(broker, "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted", VssValue.FromBool(false));
        Set(broker, "Vehicle.Body.Lights.Beam.Low.IsOn", VssValue.FromBool(true));
        Set(broker, "Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling", VssValue.FromBool(false));
        var last = new DateTime(2026, 11, 30, 8, 0, 0, 250, DateTimeKind.Utc);
        Assert.Equal(VssError.None, broker.TrySetCurrentValue(Signal(broker, "Vehicle.Body.Lights.Brake.IsActive"), VssValue.FromString("ACTIVE"), last));

        IVehicleStatusService service = host.Get<IVehicleStatusService>();
        VehicleStatus status = await Eventually.ReadUntilAsync(service.WatchStatusAsync(), s => s.Lights.Brake == "ACTIVE", "status with the brake light");
        var expected = new VehicleStatus
        {
            SpeedKilometersPerHour = 42.5f,
            CurrentGear = -1,
            FuelLevelPercent = 55,
            StateOfChargePercent = 80.5f,
            RangeMeters = 350_000,
            Doors = { new DoorStatus { Position = "Row1.DriverSide", IsOpen = true }, new DoorStatus { Position = "Row1.PassengerSide", IsOpen = false } },
            Windows = { new WindowStatus { Position = "Row1.DriverSide", OpenPercent = 25 } },
            SeatBelts = { new SeatBeltStatus { Position = "Row1.DriverSide", IsBelted = false } },
            Lights = new LightsStatus { LowBeamOn = true, LeftIndicatorOn = false, Brake = "ACTIVE" },
            UpdatedAt = status.UpdatedAt,
            Sequence = status.Sequence,
        };
        Assert.Equal(expected, status);
        Assert.False(status.HasRangeMeters && status.Lights.HasHighBeamOn); // never reported: absent
        Assert.False(status.Lights.HasHighBeamOn);

        var client = new Protocol.VehicleStatusService.VehicleStatusServiceClient(host.Channel);
        VehicleStatus remote = await client.GetStatusAsync(new GetStatusRequest());
        Assert.Equal(service.GetStatus(), remote);

        using AsyncServerStreamingCall<VehicleStatus> watch = client.WatchStatus(new WatchStatusRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(42.5f, watch.ResponseStream.Current.SpeedKilometersPerHour);
        ulong first = watch.ResponseStream.Current.Sequence;
        Set(broker, "Vehicle.Speed", VssValue.FromFloat(61));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(61f, watch.ResponseStream.Current.SpeedKilometersPerHour);
        Assert.Equal(first + 1, watch.ResponseStream.Current.Sequence);
        Assert.Equal("Row1.DriverSide", watch.ResponseStream.Current.Doors[0].Position);
    }

    [Fact]
    public async Task A_grpc_subscriber_that_never_reads_loses_its_oldest_snapshots_and_slows_nobody()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(o => o.SubscriberCapacity = 16);
        VssDatabroker broker = host.Broker;
        foreach (string position in new[] { "Row1.DriverSide", "Row1.PassengerSide", "Row2.DriverSide", "Row2.PassengerSide" })
        {
            // Bigger snapshots fill the HTTP/2 windows sooner.
            Set(broker, $"Vehicle.Cabin.Door.{position}.IsOpen", VssValue.FromBool(false));
            Set(broker, $"Vehicle.Cabin.Door.{position}.Window.Position", VssValue.FromUInt32(0));
            Set(broker, $"Vehicle.Cabin.Seat.{position}.IsBelted", VssValue.FromBool(true));
        }

        IVehicleStatusService service = host.Get<IVehicleStatusService>();
        var client = new Protocol.VehicleStatusService.VehicleStatusServiceClient(host.Channel);
        using AsyncServerStreamingCall<VehicleStatus> slow = client.WatchStatus(new WatchStatusRequest());
        await Eventually.TrueAsync(() => service.StreamCounters.Subscribers == 1, "the slow gRPC subscriber registered");

        await using IAsyncEnumerator<VehicleStatus> fast = service.WatchStatusAsync().GetAsyncEnumerator();
        Assert.True(await fast.MoveNextAsync());
        ulong previous = fast.Current.Sequence;
        const int Updates = 5000;
        for (int i = 1; i <= Updates; i++)
        {
            Set(broker, "Vehicle.Speed", VssValue.FromFloat(i));
            do
            {
                Assert.True(await fast.MoveNextAsync());
                Assert.Equal(previous + 1, fast.Current.Sequence); // the fast reader misses nothing
                previous = fast.Current.Sequence;
            }
            while (fast.Current.SpeedKilometersPerHour != i);
        }

        CockpitStreamCounters counters = service.StreamCounters;
        Assert.Equal(2, counters.Subscribers);
        Assert.True(counters.Dropped > 0, "the slow subscriber's queue overflowed and was counted");
        Assert.True(counters.Dropped < counters.Published);
    }

    private static VssSignal Signal(VssDatabroker broker, string path) => broker.Tree.TryGetSignal(path, out VssSignal? s) ? s : throw new ArgumentException(path);
}
