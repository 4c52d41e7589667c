using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Devices.Tests;

/// <summary>The bike-ride scenario through the virtual MPU6050 and the binding into a <see cref="RideComputer"/>.</summary>
public sealed class BikeRideTests
{
    private static readonly DateTime T0 = new(2026, 3, 18, 7, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_bike_ride_has_exactly_its_three_hard_brakes_at_the_scenarios_deceleration_and_a_lean_from_its_corners()
    {
        Scenario scenario = Scenario.Load("bike-ride");
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(scenario, sensor);
        using var imu = new ImuMonitor(() => sensor, "virtual MPU6050");
        var ride = new RideComputer();
        var brakings = new List<(DateTime Time, double Forward)>();
        double maxLateral = 0;
        while (!feed.Finished)
        {
            feed.Step(0.1);
            long before = ride.HardBrakings;
            Assert.True(ride.AddImuSample(imu, T0.AddSeconds(feed.ElapsedSeconds)), imu.StatusMessage);
            maxLateral = Math.Max(maxLateral, Math.Abs(imu.LastAccelerationMetersPerSecondSquared.Y));
            if (ride.HardBrakings != before)
            {
                brakings.Add((T0.AddSeconds(feed.ElapsedSeconds), feed.ForwardMetersPerSecondSquared));
            }
        }

        // Two stops and the finish; pulling away at 1.0 m/s² is never harsh, nothing is a crash.
        int stops = scenario.Waypoints.Count(w => w.StopSeconds > 0) + 1;
        Assert.Equal(3, stops);
        Assert.Equal(stops, ride.HardBrakings);
        Assert.Equal(0, ride.EventCounts[(int)DrivingEventKind.HarshAcceleration]);
        Assert.Equal(0, ride.EventCounts[(int)DrivingEventKind.Crash]);
        Assert.All(brakings, b => Assert.Equal(-scenario.MaxBrakingMetersPerSecondSquared, b.Forward, 6));
        Assert.Equal(0, imu.Detector.ImplausibleSamples);
        // Lean = atan(a_lat / g) of the largest lateral acceleration the sensor reported (16 g range: 4.8 mm/s² steps).
        Assert.Equal(Math.Atan(maxLateral / 9.807) * 180 / Math.PI, ride.MaxLeanDegrees, 9);
        Assert.InRange(ride.MaxLeanDegrees, 5, 30);
    }

    [Fact]
    public void A_sensor_whose_outputs_stick_is_reported_after_the_limit_and_used_again_when_they_move()
    {
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(Scenario.Load("bike-ride"), sensor);
        using var imu = new ImuMonitor(() => sensor, "MPU6050 on I2C bus 1 at 0x68") { StuckSampleLimit = 50 };
        DateTime t = T0;
        bool Read()
        {
            feed.Step(0.1);
            t = t.AddSeconds(0.1);
            return imu.TryRead(t, out _);
        }

        for (int i = 0; i < 100; i++)
        {
            Assert.True(Read(), imu.StatusMessage); // riding, and standing still at the start: the noise moves every reading
        }

        sensor.Stuck = true;
        int accepted = 0;
        while (Read())
        {
            accepted++;
        }

        // The last good reading and 48 stuck copies of it are samples; the 50th identical one is not.
        Assert.Equal(48, accepted);
        Assert.Equal(SensorState.WrongAnswers, imu.State);
        Assert.Matches(@"^MPU6050 on I2C bus 1 at 0x68: the same reading \(-?\d+\.\d{3}, -?\d+\.\d{3}, 9\.8\d\d\) m/s² 50 times in a row: its outputs are stuck", imu.StatusMessage);
        for (int i = 0; i < 10; i++)
        {
            Assert.False(Read());
        }

        Assert.Equal(11, imu.StuckSamples);
        sensor.Stuck = false;
        Assert.True(Read(), imu.StatusMessage);
        Assert.Equal(SensorState.Working, imu.State);
        Assert.Equal(0, imu.Detector.ImplausibleSamples);
    }
}
