using System.Buffers.Binary;
using System.Device.Gpio;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;
using EdgeSdk.Simulation.Scenarios;
using Xunit.Abstractions;

namespace EdgeSdk.Devices.Tests;

/// <summary>Runs only where Debian's chronyd can be started; elsewhere xunit reports it skipped with the reason.</summary>
public sealed class ChronydFactAttribute : FactAttribute
{
    public ChronydFactAttribute()
    {
        if (Chronyd.Unavailable() is string reason)
        {
            Skip = reason;
        }
    }
}

public sealed class ChronySockClientTests(ITestOutputHelper output)
{
    [Fact]
    public void A_sample_is_chronys_64_bit_sock_sample_with_true_minus_system_as_offset()
    {
        // System clock 250.5 µs ahead: tv is the system time to the µs, offset the rest back to the true second.
        var trueTime = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var sample = new TimeSample(trueTime.AddTicks(2505), trueTime);
        var bytes = new byte[40];

        Assert.Equal(40, ChronySockClient.Encode(sample, bytes));

        long unixSeconds = (long)(trueTime - DateTime.UnixEpoch).TotalSeconds;
        Assert.Equal(unixSeconds, BinaryPrimitives.ReadInt64LittleEndian(bytes));
        Assert.Equal(250, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(-0.000_250, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(16)), 15);
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24))); // pulse: the offset is whole
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28))); // leap
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(32))); // _pad
        Assert.Equal(0x534f434b, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(36)));
        Assert.Equal(0.000_250_5, sample.OffsetSeconds, 15); // ours: system minus true
    }

    [Fact]
    public void A_system_clock_behind_and_the_32_bit_layout_carry_the_same_time()
    {
        var trueTime = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var sample = new TimeSample(trueTime.AddMilliseconds(-1.5), trueTime); // 1.5 ms behind
        var bytes = new byte[32];

        Assert.Equal(32, ChronySockClient.Encode(sample, bytes, timevalBytes: 8, leap: 1));

        Assert.Equal((int)(trueTime - DateTime.UnixEpoch).TotalSeconds - 1, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(998_500, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(0.0015, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8)), 15);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(0x534f434b, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Throws<ArgumentException>(() => ChronySockClient.Encode(sample, new byte[39]));
    }

    [Fact]
    public void Without_chronyd_a_send_fails_counted_with_the_socket_and_the_fix()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-no-chronyd-{Guid.NewGuid():N}.sock");
        using var client = new ChronySockClient(path);
        var sample = new TimeSample(DateTime.UtcNow, DateTime.UtcNow);

        Assert.False(client.TrySend(sample, out string? error));
        Assert.False(client.TrySend(sample, out _));

        Assert.Equal(2, client.Failed);
        Assert.Equal(0, client.Sent);
        Assert.StartsWith($"chrony socket {path}: no such socket (chronyd is not running, or its refclock uses another path); ", error, StringComparison.Ordinal);
        Assert.EndsWith($"start chronyd with 'refclock SOCK {path} refid PPS' in chrony.conf (chronyd creates the socket) and run this as a user that may write to it", error, StringComparison.Ordinal);
        Assert.Equal(error, client.LastError);
    }

    [ChronydFact]
    public async Task Chronyd_accepts_the_pps_time_source_through_its_sock_refclock()
    {
        await using Chronyd chronyd = await Chronyd.StartAsync("poll 0");
        var driver = new VirtualGpioDriver();
        using var gpio = new GpioController(driver);
        using var source = new PpsTimeSource(gpio, new PpsTimeSourceOptions { PpsPin = driver.PpsPin });
        source.Start();
        using var chrony = new ChronySockClient(chronyd.SocketPath);

        // The simulated receiver lives on the real clock: its scenario starts at the next whole second, and the
        // virtual PPS fires 0.5 ms after each second of the system clock (as if the clock were 0.5 ms ahead).
        DateTime now = DateTime.UtcNow;
        DateTime start = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddSeconds(2);
        var pps = new VirtualPpsGenerator(driver, TimeProvider.System, offsetSeconds: 0.000_5, nmeaDelaySeconds: 0.2);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var options = new SimulationOptions { ScenarioDefinition = Scenario.Load("campus-loop") with { StartTimeUtc = start }, DurationSeconds = 600 };
        // The receiver's sentences reach the source as on a board: over a serial port (a pty) through GnssReceiver.
        using var pty = PseudoTerminal.Open();
        Task simulation = GnssSimulator.RunAsync(options, pps.CreateEpochStream(epoch => { pty.Stream.Write(epoch); pty.Stream.Flush(); }), stop.Token);
        await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200");
        Task reading = Task.Run(async () =>
        {
            await foreach (string sentence in receiver.ReadSentencesAsync(stop.Token))
            {
                source.AddSentence(sentence);
            }
        });
        Task feed = Task.Run(async () =>
        {
            await foreach (TimeSample sample in source.Samples.ReadAllAsync(stop.Token))
            {
                chrony.TrySend(sample, out _);
            }
        });

        // Wait (generously: the machine is shared) until chronyd has reached the refclock and kept samples.
        string[]? sourceLine = null, stats = null;
        while (!stop.IsCancellationRequested)
        {
            sourceLine = await chronyd.SourceAsync();
            stats = await chronyd.SourceStatsAsync();
            if (sourceLine != null && Chronyd.Reach(sourceLine) > 0 && stats != null && Chronyd.SampleCount(stats) >= 3)
            {
                break;
            }

            await Task.Delay(250);
        }

        await stop.CancelAsync();
        await Task.WhenAll(simulation, reading, feed).ContinueWith(_ => { }, TaskScheduler.Default); // cancelled, as meant
        output.WriteLine($"sources: {string.Join(',', sourceLine ?? [])}");
        output.WriteLine($"sourcestats: {string.Join(',', stats ?? [])}");
        PpsTimeStatus status = source.GetStatus();
        output.WriteLine($"{status.Message}; sent {chrony.Sent}, failed {chrony.Failed}");

        Assert.NotNull(sourceLine);
        Assert.True(Chronyd.Reach(sourceLine) > 0, $"chronyd never reached the PPS refclock: {string.Join(',', sourceLine)}");
        Assert.True(Chronyd.SampleCount(stats!) >= 3, $"chronyd kept fewer than 3 samples: {string.Join(',', stats!)}");
        Assert.Equal(0, chrony.Failed);
        Assert.True(chrony.Sent >= 3);
        Assert.True(status.Samples >= chrony.Sent); // every sample sent came from a pulse and its NMEA time
        // Pulses fire no earlier than 0.5 ms after the second; timer lateness on a busy machine only adds.
        Assert.True(status.MeanOffsetSeconds >= 0.000_5 - 0.000_1, status.Message);
    }
}
