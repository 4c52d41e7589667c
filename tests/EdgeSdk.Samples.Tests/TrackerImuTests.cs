using EdgeSdk.Devices;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;
using EdgeSdk.Telemetry;
using LogisticsTracker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeSdk.Samples.Tests;

/// <summary>
/// The LogisticsTracker's IMU end to end: the simulated vehicle's hard brakes → VirtualMpu6050 → ImuMonitor → the
/// publisher's durable event queue → a real mosquitto → a TelemetryConsumer, through an outage and a restart.
/// </summary>
public sealed class TrackerImuTests : IDisposable
{
    private readonly string _queue = Await.TempDirectory();

    [Fact]
    public async Task Hard_brakes_queued_through_an_outage_and_a_restart_reach_the_consumer_with_kind_time_and_peak()
    {
        Scenario scenario = Scenario.Load("bike-ride");
        List<DrivingEvent> expected = OfflineEvents(scenario);
        Assert.Equal(3, expected.Count); // two stops and the finish, all harsh braking (BikeRideTests)

        await using Mosquitto broker = Mosquitto.Create(); // not started yet: the outage
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(scenario, sensor);
        DateTime Step()
        {
            if (!feed.Finished)
            {
                feed.Step(0.1);
            }

            return scenario.StartTimeUtc.AddSeconds(feed.ElapsedSeconds);
        }

        // 1. Broker down: the whole ride's IMU samples are read, every event waits on disk.
        await using (SimulatedDrive drive = SimulatedDrive.Start("bike-ride", seconds: 30, speedup: 10))
        {
            using IHost first = TrackerApp.Build([.. Args(drive.Source, broker.Uri), "--Tracker:ImuI2cBus=1", "--Tracker:ImuPollMilliseconds=1"],
                imuDevice: () => sensor, imuClock: Step);
            await first.StartAsync();
            TrackerService service = first.Services.GetRequiredService<TrackerService>();
            await Await.UntilAsync(() => feed.Finished && service.Publisher.DrivingEventsQueued == expected.Count,
                () => $"{feed.ElapsedSeconds:F1} s of the ride read, {service.Publisher.DrivingEventsQueued} events queued");
            Assert.Equal(SensorState.Working, service.Imu!.State);
            Assert.Equal(expected.Count, service.Imu.EventsQueued);
            Assert.Equal(0, service.Imu.EventsRefused);
            Assert.Equal(0, service.Publisher.DrivingEventsAcknowledged);
            Assert.False(service.Publisher.Counters.Connected);
            await first.StopAsync();
        }

        // 2. Broker up, a consumer listening; the tracker restarts with its IMU unplugged: the queued events go out,
        //    the IMU's status says what is wrong, and fixes keep flowing.
        await broker.StartAsync();
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions
        {
            Connection = new MqttConnectionOptions { BrokerUri = broker.Uri },
            Fleet = "tests",
        });
        await consumer.StartAsync();
        sensor.Connected = false;
        await using (SimulatedDrive drive = SimulatedDrive.Start("bike-ride", seconds: 20, speedup: 10))
        {
            using IHost second = TrackerApp.Build([.. Args(drive.Source, broker.Uri), "--Tracker:ImuI2cBus=1", "--Tracker:ImuPollMilliseconds=20"],
                imuDevice: () => sensor, imuClock: () => DateTime.UtcNow);
            await second.StartAsync();
            TrackerService service = second.Services.GetRequiredService<TrackerService>();

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            List<ReceivedDeviceEvent> received = [];
            await foreach (ReceivedDeviceEvent e in consumer.ReadDeviceEventsAsync(timeout.Token))
            {
                if (e.Kind is DeviceEventKind.HarshBraking or DeviceEventKind.HarshAcceleration or DeviceEventKind.Crash)
                {
                    received.Add(e);
                    if (received.Count == expected.Count)
                    {
                        break;
                    }
                }
            }

            for (int i = 0; i < expected.Count; i++)
            {
                ReceivedDeviceEvent e = received[i];
                Assert.Equal(("tests", "truck-7", DeviceEventKind.HarshBraking), (e.Fleet, e.DeviceId, e.Kind));
                DateTime truncated = expected[i].TimeUtc.AddTicks(-(expected[i].TimeUtc.Ticks % TimeSpan.TicksPerMillisecond));
                Assert.Equal(truncated, e.EventTimeUtc);
                Assert.Equal(expected[i].PeakMetersPerSecondSquared, e.PeakMetersPerSecondSquared, 3);
                Assert.InRange(e.PeakMetersPerSecondSquared, scenario.MaxBrakingMetersPerSecondSquared - 0.05, scenario.MaxBrakingMetersPerSecondSquared + 0.06); // + sensor noise
                Assert.Equal(Math.Round(expected[i].DurationMilliseconds), e.DurationMilliseconds);
                Assert.Equal(i + 1, e.Sequence); // the event queue's own numbering, from 1
                Assert.NotEqual(0UL, e.QueueInstance);
                Assert.StartsWith("harsh braking: peak 4.0", e.Detail);
            }

            Assert.Equal(expected.Select(e => e.TimeUtc).Order(), expected.Select(e => e.TimeUtc)); // in order
            await Await.UntilAsync(() => service.Publisher.DrivingEventsAcknowledged == expected.Count && service.Publisher.DrivingEventsQueued == 0,
                () => $"{service.Publisher.DrivingEventsAcknowledged} acknowledged, {service.Publisher.DrivingEventsQueued} queued");
            await Await.UntilAsync(() => service.Imu!.State == SensorState.NotConnected && service.Publisher.Counters.Acknowledged >= 5,
                () => $"IMU {service.Imu!.State}, {service.Publisher.Counters.Acknowledged} fixes acknowledged");
            Assert.StartsWith("MPU6050 on I2C bus 1 at 0x68: not answering", service.Imu!.StatusMessage);
            Assert.Equal(0, service.Imu.EventsQueued);
            await second.StopAsync();
        }

        Assert.Equal(0, consumer.Counters.Malformed);
    }

    [Fact]
    public void A_threshold_that_makes_no_sense_is_a_configuration_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => TrackerApp.Build(
            [.. Args("serial:/dev/null", new Uri("mqtt://127.0.0.1:1")), "--Tracker:ImuI2cBus=1", "--Tracker:CrashMetersPerSecondSquared=2"]));
        Assert.Equal("the crash threshold (2 m/s²) must be above harsh braking (3.4 m/s²)", error.Message);
    }

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    // The same ride through the same sensor model and detector, without the tracker: what it must report.
    private static List<DrivingEvent> OfflineEvents(Scenario scenario)
    {
        var sensor = new VirtualMpu6050();
        var feed = new VehicleImuFeed(scenario, sensor);
        using var imu = new ImuMonitor(() => sensor, "virtual MPU6050");
        var events = new List<DrivingEvent>();
        while (!feed.Finished)
        {
            feed.Step(0.1);
            if (imu.TryRead(scenario.StartTimeUtc.AddSeconds(feed.ElapsedSeconds), out DrivingEvent? e) && e is not null)
            {
                events.Add(e);
            }
        }

        return events;
    }

    private string[] Args(string source, Uri broker) =>
    [
        $"--Tracker:Source={source}", $"--Tracker:Broker={broker}", "--Tracker:DeviceId=truck-7", "--Tracker:Fleet=tests",
        $"--Tracker:QueuePath={_queue}", "--Tracker:DrainSeconds=0",
    ];
}
