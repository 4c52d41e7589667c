namespace EdgeSdk.Positioning.Tests;

public class OdometerTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Chongqing_drive_distance_is_within_half_a_percent_of_the_simulator_truth()
    {
        ChongqingDrive drive = await ChongqingDrive.LoadAsync();
        var odometer = new Odometer();
        foreach (PositionSample sample in drive.Samples)
        {
            odometer.Add(sample);
        }

        double error = (odometer.DistanceMeters - drive.TruthDistanceMeters) / drive.TruthDistanceMeters;
        Assert.True(Math.Abs(error) < 0.005, $"odometer {odometer.DistanceMeters:F1} m, truth {drive.TruthDistanceMeters:F1} m, error {error:P3}");
        Assert.True(drive.TruthDistanceMeters > 8000, $"{drive.TruthDistanceMeters} m");
        Assert.True(odometer.NoFixSamples > 120, $"{odometer.NoFixSamples} samples without fix (the tunnel)");
        Assert.True(odometer.StationaryFixes > 100, $"{odometer.StationaryFixes} stationary fixes (the stops)");
        Assert.Equal(0, odometer.JumpFixes);
    }

    [Fact]
    public void A_parked_vehicle_with_receiver_jitter_accrues_nothing()
    {
        var odometer = new Odometer();
        var random = new Random(7);
        for (int i = 0; i < 24 * 3600; i++)
        {
            // ±8 m of noise around a parking spot, speed noise below the moving threshold.
            (double lat, double lon) = TangentPlane.Offset(29.575, 106.533, (random.NextDouble() - 0.5) * 16, (random.NextDouble() - 0.5) * 16);
            odometer.Add(new PositionSample(T0.AddSeconds(i), true, lat, lon, random.NextDouble() * 0.8, 1.2));
        }

        Assert.Equal(0, odometer.DistanceMeters);
        Assert.Equal(24 * 3600, odometer.StationaryFixes);
    }

    [Fact]
    public void Without_speed_moves_inside_the_stationary_radius_are_jitter()
    {
        var odometer = new Odometer();
        var random = new Random(9);
        for (int i = 0; i < 600; i++)
        {
            (double lat, double lon) = TangentPlane.Offset(29.575, 106.533, (random.NextDouble() - 0.5) * 8, (random.NextDouble() - 0.5) * 8);
            odometer.Add(new PositionSample(T0.AddSeconds(i), true, lat, lon));
        }

        Assert.Equal(0, odometer.DistanceMeters);

        // Then 100 m north in 10 m steps without speed: counted.
        for (int i = 1; i <= 10; i++)
        {
            (double lat, double lon) = TangentPlane.Offset(29.575, 106.533, 0, 10 * i);
            odometer.Add(new PositionSample(T0.AddSeconds(600 + i), true, lat, lon));
        }

        Assert.InRange(odometer.DistanceMeters, 96, 104);
    }

    [Fact]
    public void Poor_hdop_no_fix_and_jumps_are_skipped_and_counted()
    {
        var odometer = new Odometer();
        odometer.Add(new PositionSample(T0, true, 29.575, 106.533, 10, 1));
        (double lat1, double lon1) = TangentPlane.Offset(29.575, 106.533, 0, 10);
        // 10 m on the ellipsoid is 10.03 m on the mean sphere at 29.6° N (the 0.3 % the sphere costs).
        Assert.Equal(10.03, odometer.Add(new PositionSample(T0.AddSeconds(1), true, lat1, lon1, 10, 1)), 0.01);
        Assert.Equal(0, odometer.Add(new PositionSample(T0.AddSeconds(2), false, double.NaN, double.NaN)));
        (double lat2, double lon2) = TangentPlane.Offset(29.575, 106.533, 0, 500);
        Assert.Equal(0, odometer.Add(new PositionSample(T0.AddSeconds(3), true, lat2, lon2, 10, 1))); // 490 m in 2 s
        (double lat3, double lon3) = TangentPlane.Offset(29.575, 106.533, 0, 30);
        Assert.Equal(0, odometer.Add(new PositionSample(T0.AddSeconds(4), true, lat3, lon3, 10, 9))); // HDOP 9
        Assert.Equal(20.06, odometer.Add(new PositionSample(T0.AddSeconds(5), true, lat3, lon3, 10, 1)), 0.01);
        Assert.Equal(30.09, odometer.DistanceMeters, 0.01);
        Assert.Equal((1, 1, 1, 2), (odometer.NoFixSamples, odometer.JumpFixes, odometer.PoorHdopFixes, odometer.CountedFixes));
    }

    [Fact]
    public void Memory_does_not_grow_with_the_drive()
    {
        var odometer = new Odometer();
        for (int i = 0; i < 1000; i++)
        {
            odometer.Add(new PositionSample(T0.AddSeconds(i), true, 29.5 + (i * 1e-4), 106.5, 11, 1));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1000; i < 100_000; i++)
        {
            odometer.Add(new PositionSample(T0.AddSeconds(i), true, 29.5 + (i * 1e-4), 106.5, 11, 1));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
