using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Devices.Tests;

public sealed class DrivingEventTests
{
    private const double G = VirtualMpu6050.GravityMetersPerSecondSquared;
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Braking_long_enough_is_one_event_a_pothole_is_none()
    {
        var detector = new DrivingEventDetector();
        var events = new List<DrivingEvent>();
        // 0.2 s at -5 m/s² (too short), 0.3 s calm, then 0.6 s at -4 m/s² peaking at -4.5, sampled at 10 Hz.
        double[] forward = [-5, -5, -5, 0, 0, 0, -4, -4.5, -4, -4, -4, -4, 0, 0];
        for (int i = 0; i < forward.Length; i++)
        {
            if (detector.Add(T0.AddMilliseconds(i * 100), forward[i], 0, G) is DrivingEvent e)
            {
                events.Add(e);
            }
        }

        DrivingEvent braking = Assert.Single(events);
        Assert.Equal(DrivingEventKind.HarshBraking, braking.Kind);
        Assert.Equal(T0.AddMilliseconds(900), braking.TimeUtc); // started at 600 ms, 300 ms later
        Assert.Equal(4.5, braking.PeakMetersPerSecondSquared);
        Assert.Equal(300, braking.DurationMilliseconds);
        Assert.Equal(14, detector.Samples);
        Assert.Equal(1, detector.EventCounts[(int)DrivingEventKind.HarshBraking]);
        Assert.Equal(0, detector.EventCounts[(int)DrivingEventKind.HarshAcceleration]);
    }

    [Fact]
    public void A_crash_is_raised_once_per_hold_off_and_zero_readings_are_rejected()
    {
        var detector = new DrivingEventDetector(new DrivingEventThresholds { CrashMetersPerSecondSquared = 30, CrashHoldOffMilliseconds = 1000 });

        DrivingEvent? first = detector.Add(T0, -40, 10, G);
        DrivingEvent? echo = detector.Add(T0.AddMilliseconds(500), 35, 0, G);
        DrivingEvent? second = detector.Add(T0.AddMilliseconds(1600), 0, -31, G);
        DrivingEvent? zeros = detector.Add(T0.AddMilliseconds(1700), 0, 0, 0);

        Assert.Equal(DrivingEventKind.Crash, first!.Kind);
        Assert.Equal(Math.Sqrt(1700), first.PeakMetersPerSecondSquared, 9);
        Assert.Null(echo);
        Assert.Equal(DrivingEventKind.Crash, second!.Kind);
        Assert.Null(zeros);
        Assert.Equal(1, detector.ImplausibleSamples);
        Assert.Equal(3, detector.Samples);
        Assert.Equal(2, detector.EventCounts[(int)DrivingEventKind.Crash]);
    }

    [Fact]
    public void Thresholds_that_make_no_sense_are_refused_with_their_name()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new DrivingEventDetector(new DrivingEventThresholds { CrashMetersPerSecondSquared = 2 }));
        Assert.Contains("crash threshold (2 m/s²) must be above harsh braking (3.4 m/s²)", e.Message);
    }

    [Fact]
    public void A_crash_read_through_the_binding_from_the_virtual_sensor_is_reported()
    {
        var sensor = new VirtualMpu6050();
        using var imu = new ImuMonitor(() => sensor, "MPU6050 on I2C bus 1 at 0x68");

        Assert.True(imu.TryRead(T0, out DrivingEvent? none));
        Assert.Null(none);
        Assert.Equal(G, imu.LastAccelerationMetersPerSecondSquared.Z, 2);
        sensor.SetMotion(-6 * G, 0, G); // 6 g frontal impact
        Assert.True(imu.TryRead(T0.AddMilliseconds(10), out DrivingEvent? crash));

        Assert.Equal(DrivingEventKind.Crash, crash!.Kind);
        Assert.Equal(6 * G, crash.PeakMetersPerSecondSquared, 1);
        Assert.Equal(SensorState.Working, imu.State);
        Assert.True(sensor.Awake);
    }

    [Fact]
    public void An_absent_sensor_and_one_answering_garbage_give_a_clear_status_and_recover()
    {
        var sensor = new VirtualMpu6050 { Connected = false };
        using var imu = new ImuMonitor(() => sensor, "MPU6050 on I2C bus 1 at 0x68");

        Assert.False(imu.TryRead(T0, out _));
        Assert.Equal(SensorState.NotConnected, imu.State);
        Assert.StartsWith("MPU6050 on I2C bus 1 at 0x68: not answering (Error 121 performing I2C data transfer)", imu.StatusMessage);

        sensor.Connected = true;
        sensor.Garbage = true;
        Assert.False(imu.TryRead(T0, out _));
        Assert.Equal(SensorState.WrongAnswers, imu.State);
        Assert.Equal("MPU6050 on I2C bus 1 at 0x68: answers 0xFF to WHO_AM_I, an MPU6050 answers 0x68: another chip at this address, or a bad connection", imu.StatusMessage);

        sensor.Garbage = false;
        Assert.True(imu.TryRead(T0, out _));
        Assert.Equal(SensorState.Working, imu.State);

        sensor.Garbage = true; // goes bad while running: all-ones samples read as ~0 g and are ignored
        Assert.False(imu.TryRead(T0.AddSeconds(1), out _));
        Assert.Equal(SensorState.WrongAnswers, imu.State);
        Assert.StartsWith("MPU6050 on I2C bus 1 at 0x68: implausible reading", imu.StatusMessage);
        Assert.Equal(3, imu.FailedReads);
        Assert.Equal(1, imu.Detector.ImplausibleSamples);
    }

    [Fact]
    public void The_vehicle_model_drives_the_sensor_and_braking_events_match_its_decelerations()
    {
        // The campus-loop bus accelerates at 0.8 m/s² and brakes at 1.2 m/s² (and stops dead at its stops:
        // one 0.1 s step of -5 m/s², too short to count): nothing harsh at the default thresholds, and
        // one event per acceleration and per braking at thresholds set below those rates.
        Assert.Empty(Drive(new DrivingEventThresholds(), out _, out _));

        var lowered = new DrivingEventThresholds { HarshBrakingMetersPerSecondSquared = 1.0, HarshAccelerationMetersPerSecondSquared = 0.7, MinimumDurationMilliseconds = 500 };
        List<(DrivingEvent Event, double ForwardMetersPerSecondSquared)> events = Drive(lowered, out long samples, out double seconds);

        Assert.Equal((long)Math.Round(seconds * 10), samples);
        Assert.Equal(BrakingEpisodes, events.Count(e => e.Event.Kind == DrivingEventKind.HarshBraking));
        Assert.Equal(AccelerationEpisodes, events.Count(e => e.Event.Kind == DrivingEventKind.HarshAcceleration));
        Assert.DoesNotContain(events, e => e.Event.Kind == DrivingEventKind.Crash);
        Assert.All(events, e => Assert.True(e.Event.Kind == DrivingEventKind.HarshBraking
            ? e.ForwardMetersPerSecondSquared <= -1.0 && e.Event.DurationMilliseconds >= 500
            : e.ForwardMetersPerSecondSquared >= 0.7 && Math.Abs(e.Event.PeakMetersPerSecondSquared - 0.8) < 0.05,
            $"{e.Event} at {e.ForwardMetersPerSecondSquared} m/s²"));
    }

    // Episodes of campus-loop's first 1200 s (the trajectory is deterministic).
    private const int BrakingEpisodes = 5; // one per bus stop: 5 dead stops in the histogram of -5 m/s² steps
    private const int AccelerationEpisodes = 6; // the start and a pull-away from each of the 5 stops

    // Drives campus-loop at 10 Hz through the virtual sensor and the binding.
    private static List<(DrivingEvent, double)> Drive(DrivingEventThresholds thresholds, out long samples, out double seconds)
    {
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(Scenario.Load("campus-loop"), sensor);
        using var imu = new ImuMonitor(() => sensor, "virtual MPU6050", thresholds);
        var events = new List<(DrivingEvent, double)>();
        while (!feed.Finished && feed.ElapsedSeconds < 1200)
        {
            feed.Step(0.1);
            Assert.True(imu.TryRead(T0.AddSeconds(feed.ElapsedSeconds), out DrivingEvent? e), imu.StatusMessage);
            if (e is not null)
            {
                events.Add((e, feed.ForwardMetersPerSecondSquared));
            }
        }

        samples = imu.Detector.Samples;
        seconds = feed.ElapsedSeconds;
        return events;
    }
}
