namespace EdgeSdk.Positioning.Tests;

public class OdometerTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2.0, 5.0, 0.005)] // the scenario's default receiver noise, speed × time between fixes
    [InlineData(10.0, 5.0, 0.005)] // five times the noise (UERE 10 m, 20 m in the canyons)
    [InlineData(2.0, 0.0, 0.005)] // positions only
    public async Task Chongqing_drive_distance_is_within_half_a_percent_of_the_simulator_truth(double noiseMeters, double speedIntegrationSeconds, double bound)
    {
        ChongqingDrive drive = await ChongqingDrive.LoadAsync(noiseMeters);
        var odometer = new Odometer(new OdometerOptions { SpeedIntegrationMaxGapSeconds = speedIntegrationSeconds });
        foreach (PositionSample sample in drive.Samples)
        {
            odometer.Add(sample);
        }

        double error = (odometer.DistanceMeters - drive.TruthDistanceMeters) / drive.TruthDistanceMeters;
        Assert.True(Math.Abs(error) < bound, $"odometer {odometer.DistanceMeters:F1} m, truth {drive.TruthDistanceMeters:F1} m, error {error:P3}");
        Assert.True(drive.TruthDistanceMeters > 14_000, $"{drive.TruthDistanceMeters} m");
        Assert.True(odometer.NoFixSamples > 120, $"{odometer.NoFixSamples} samples without fix (the tunnel)");
        Assert.True(odometer.StationaryFixes > 100, $"{odometer.StationaryFixes} stationary fixes (the stops)");
        Assert.Equal(0, odometer.JumpFixes);
    }

    [Fact]
    public async Task Positions_only_pick_up_the_noise_that_speed_integration_ignores()
    {
        ChongqingDrive drive = await ChongqingDrive.LoadAsync(10.0);
        var bySpeed = new Odometer();
        var byPosition = new Odometer(new OdometerOptions { SpeedIntegrationMaxGapSeconds = 0 });
        foreach (PositionSample sample in drive.Samples)
        {
            bySpeed.Add(sample);
            byPosition.Add(sample);
        }

        // Position noise lengthens the path (+1.5 % at UERE 10 m); speed × time does not.
        Assert.InRange((byPosition.DistanceMeters / drive.TruthDistanceMeters) - 1, 0.01, 0.02);
        Assert.InRange((bySpeed.DistanceMeters / drive.TruthDistanceMeters) - 1, -0.005, 0.005);
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

    private static PositionSample North(double meters, int second, double speed = 10, double hdop = 1)
    {
        (double lat, double lon) = TangentPlane.Offset(29.575, 106.533, 0, meters);
        return new PositionSample(T0.AddSeconds(second), true, lat, lon, speed, hdop);
    }

    [Fact]
    public void Poor_hdop_no_fix_and_jumps_are_skipped_and_counted()
    {
        var odometer = new Odometer();
        odometer.Add(North(0, 0));
        Assert.Equal(10, odometer.Add(North(10, 1)), 1e-9); // 10 m/s for 1 s
        Assert.Equal(0, odometer.Add(new PositionSample(T0.AddSeconds(2), false, double.NaN, double.NaN)));
        Assert.Equal(0, odometer.Add(North(500, 3))); // 490 m in 2 s: a jump
        Assert.Equal(0, odometer.Add(North(40, 4, hdop: 9)));
        Assert.Equal(40, odometer.Add(North(50, 5)), 1e-9); // 4 s at 10 m/s since the last counted fix
        Assert.Equal(50, odometer.DistanceMeters, 1e-9);
        Assert.Equal((1, 1, 1, 2), (odometer.NoFixSamples, odometer.JumpFixes, odometer.PoorHdopFixes, odometer.CountedFixes));
    }

    [Fact]
    public void Gaps_longer_than_the_speed_integration_limit_and_position_only_mode_use_the_great_circle()
    {
        var odometer = new Odometer();
        odometer.Add(North(0, 0));
        // 6 s apart: the straight line. 300 m on the ellipsoid is 300.9 m on the mean sphere at 29.6° N (the 0.3 % the sphere costs).
        Assert.Equal(300.9, odometer.Add(North(300, 6, speed: 50)), 0.05);

        var positions = new Odometer(new OdometerOptions { SpeedIntegrationMaxGapSeconds = 0 });
        positions.Add(North(0, 0));
        Assert.Equal(10.03, positions.Add(North(10, 1)), 0.005);
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
