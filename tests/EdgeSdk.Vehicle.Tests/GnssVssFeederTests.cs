using EdgeSdk.Gnss;

namespace EdgeSdk.Vehicle.Tests;

public class GnssVssFeederTests
{
    private static readonly DateTime Time = new(2026, 11, 30, 8, 15, 30, 250, DateTimeKind.Utc);

    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    private static VssValue Current(VssDatabroker broker, string path) => broker.GetCurrentValue(Signal(path)).Value;

    private static GnssFix Fix(double speedMetersPerSecond = 12.5) => new()
    {
        TimeUtc = Time,
        Mode = FixMode.ThreeD,
        Quality = FixQuality.Differential,
        LatitudeDegrees = 29.563,
        LongitudeDegrees = 106.551,
        AltitudeMslMeters = 240.0,
        AltitudeHaeMeters = 212.5,
        SpeedMetersPerSecond = speedMetersPerSecond,
        CourseDegrees = 87.25,
        LatitudeErrorMeters = 3.0,
        LongitudeErrorMeters = 4.0,
        AltitudeErrorMeters = 6.5,
    };

    [Fact]
    public void A_fix_becomes_current_location_and_speed_signals()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new GnssVssFeeder(broker);
        feeder.Publish(Fix());

        Assert.Equal(29.563, Current(broker, "Vehicle.CurrentLocation.Latitude").AsDouble());
        Assert.Equal(106.551, Current(broker, "Vehicle.CurrentLocation.Longitude").AsDouble());
        Assert.Equal(212.5, Current(broker, "Vehicle.CurrentLocation.Altitude").AsDouble());
        Assert.Equal(87.25, Current(broker, "Vehicle.CurrentLocation.Heading").AsDouble());
        Assert.Equal(5.0, Current(broker, "Vehicle.CurrentLocation.HorizontalAccuracy").AsDouble());
        Assert.Equal(6.5, Current(broker, "Vehicle.CurrentLocation.VerticalAccuracy").AsDouble());
        Assert.Equal("2026-11-30T08:15:30.250Z", Current(broker, "Vehicle.CurrentLocation.Timestamp").AsString());
        Assert.Equal("THREE_D_SATELLITE_BASED_AUGMENTATION", Current(broker, "Vehicle.CurrentLocation.GNSSReceiver.FixType").AsString());
        Assert.Equal(45f, Current(broker, "Vehicle.Speed").AsFloat());
        Assert.Equal(Time, broker.GetCurrentValue(Signal("Vehicle.Speed")).TimestampUtc);
        Assert.Equal(9, feeder.Published);
        Assert.Equal(0, feeder.Rejected);
        Assert.Equal("gnss", broker.SignalProviderOf(Signal("Vehicle.CurrentLocation.Latitude")));
        Assert.Null(broker.SignalProviderOf(Signal("Vehicle.Speed"))); // left for a CAN feeder to claim
    }

    [Fact]
    public void A_fix_without_position_only_says_so()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new GnssVssFeeder(broker);
        feeder.Publish(Fix());
        feeder.Publish(new GnssFix { TimeUtc = Time.AddSeconds(1), Mode = FixMode.NoFix });
        Assert.Equal("NONE", Current(broker, "Vehicle.CurrentLocation.GNSSReceiver.FixType").AsString());
        Assert.Equal(29.563, Current(broker, "Vehicle.CurrentLocation.Latitude").AsDouble()); // the last known position stays
        Assert.Equal(2, feeder.Fixes);
    }

    [Fact]
    public void Gnss_speed_gives_way_to_a_provider_of_vehicle_speed_and_to_recent_foreign_values()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new GnssVssFeeder(broker);
        using (VssProvider can = broker.CreateProvider("can0"))
        {
            Assert.Equal(VssError.None, can.TryProvideSignals(["Vehicle.Speed"]));
            Assert.Equal(VssError.None, can.TryPublish(Signal("Vehicle.Speed"), VssValue.FromFloat(50f), DateTime.UtcNow.AddMinutes(-5)));
            feeder.Publish(Fix());
            Assert.Equal(50f, Current(broker, "Vehicle.Speed").AsFloat());
            Assert.Equal(1, feeder.SpeedSkipped);
        }

        // No provider any more, but someone published a speed a moment ago: still theirs.
        broker.TrySetCurrentValue(Signal("Vehicle.Speed"), VssValue.FromFloat(51f), DateTime.UtcNow);
        feeder.Publish(Fix());
        Assert.Equal(51f, Current(broker, "Vehicle.Speed").AsFloat());
        Assert.Equal(2, feeder.SpeedSkipped);

        // An old foreign value no longer counts.
        broker.TrySetCurrentValue(Signal("Vehicle.Speed"), VssValue.FromFloat(52f), DateTime.UtcNow - TimeSpan.FromSeconds(10));
        feeder.Publish(Fix(speedMetersPerSecond: 10));
        Assert.Equal(36f, Current(broker, "Vehicle.Speed").AsFloat());
        feeder.Publish(Fix(speedMetersPerSecond: 20));
        Assert.Equal(72f, Current(broker, "Vehicle.Speed").AsFloat()); // its own recent value does not hold it back
        Assert.Equal(2, feeder.SpeedSkipped);
    }

    [Fact]
    public void Only_one_gnss_provider_at_a_time()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var first = new GnssVssFeeder(broker);
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => new GnssVssFeeder(broker, "second"));
        Assert.Equal("the GNSS feeder cannot provide Vehicle.CurrentLocation.Latitude: AlreadyProvided (is another GNSS provider connected?)", ex.Message);
    }

    [Fact]
    public async Task A_real_receiver_capture_feeds_the_broker()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using var feeder = new GnssVssFeeder(broker);
        await using GnssReceiver receiver = GnssReceiver.Open(GpsdCaptures.PathOf("ublox-neo-m9n-nmea.log"));
        GnssFix? last = null;
        await feeder.RunAsync(Remember(receiver.ReadFixesAsync()));
        Assert.NotNull(last);
        Assert.True(feeder.Fixes > 1);
        Assert.Equal(0, feeder.Rejected);
        GnssFix lastWithPosition = last!.HasPosition ? last : throw new InvalidOperationException("the capture ends without a position");
        Assert.Equal(lastWithPosition.LatitudeDegrees, Current(broker, "Vehicle.CurrentLocation.Latitude").AsDouble());
        Assert.Equal(lastWithPosition.LongitudeDegrees, Current(broker, "Vehicle.CurrentLocation.Longitude").AsDouble());
        Assert.Equal((float)(lastWithPosition.SpeedMetersPerSecond!.Value * 3.6), Current(broker, "Vehicle.Speed").AsFloat());

        async IAsyncEnumerable<GnssFix> Remember(IAsyncEnumerable<GnssFix> fixes)
        {
            await foreach (GnssFix fix in fixes)
            {
                last = fix;
                yield return fix;
            }
        }
    }
}
