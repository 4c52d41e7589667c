using EdgeSdk.Tracker;
using Xunit.Abstractions;

namespace EdgeSdk.Firmware.Tests;

/// <summary>
/// The firmware's memory on .NET: what the application allocates at start (ring, buffers, parser) and per epoch
/// after warm-up, against a budget that fits an ESP32's ~100 KB managed heap (firmware/README.md).
/// </summary>
public class MemoryTests(ITestOutputHelper output)
{
    // Start-up budget with the default options (600-fix ring with DOPs, 20-fix batches): just over half of an ESP32's managed heap,
    // leaving the rest to nanoFramework's networking, TLS and M2Mqtt.
    private const long StartBudgetBytes = 56 * 1024;

    [Fact]
    public void Start_allocates_the_ring_and_buffers_within_budget()
    {
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock);
        var mqtt = new MemoryMqttLink();
        var options = new TrackerOptions { DeviceId = "truck-07", Fleet = "cq", QueueInstance = 1 };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var tracker = new TrackerApp(options, serial, mqtt, clock);
        long start = GC.GetAllocatedBytesForCurrentThread() - before;
        long ring = MeasureRing(600);
        long parserBefore = GC.GetAllocatedBytesForCurrentThread();
        var parser = new EdgeSdk.Nmea.NmeaParser();
        long parserBytes = GC.GetAllocatedBytesForCurrentThread() - parserBefore;
        GC.KeepAlive(parser);
        output.WriteLine($"start: {start} B in all, of which the 600-fix ring {ring} B ({FixRing.BytesPerFix} B per fix + array headers) and the NMEA parser {parserBytes} B");
        Assert.InRange(ring, 600 * FixRing.BytesPerFix, (600 * FixRing.BytesPerFix) + ObjectOverheadBytes);
        Assert.InRange(start, ring, StartBudgetBytes);
        GC.KeepAlive(tracker);
    }

    [Fact]
    public async Task An_epoch_allocates_nothing_after_warm_up_fusing_queueing_and_encoding_batches()
    {
        byte[] drive = await SimulatedDrive.BytesAsync(400);
        (byte[] warmUp, byte[] measured) = SimulatedDrive.SplitAtEpoch(drive, 100);
        var clock = new ManualClock();
        var serial = new MemorySerialLink(clock, chunkBytes: 512);
        var mqtt = new MemoryMqttLink { Record = false };
        var tracker = new TrackerApp(new TrackerOptions { DeviceId = "truck-07", Fleet = "cq", QueueInstance = 1, BatchMaxDelayMilliseconds = 2000 }, serial, mqtt, clock);
        serial.Write(warmUp);
        while (tracker.Fixes < 100 || tracker.Ring.Count > 0)
        {
            tracker.Poll(); // to the idle gap that closes the 100th epoch, and until it is sent
        }

        long fixesBefore = tracker.Fixes, publishesBefore = mqtt.Publishes, peak = 0, total = 0;
        serial.Write(measured);
        while (!serial.Drained || tracker.Ring.Count > 0)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            tracker.Poll();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            peak = Math.Max(peak, allocated);
            total += allocated;
        }

        long epochs = tracker.Fixes - fixesBefore;
        output.WriteLine($"{epochs} epochs, {mqtt.Publishes - publishesBefore} messages: {total} B allocated in all, peak {peak} B in one poll");
        Assert.Equal(300, epochs);
        Assert.Equal(15, mqtt.Publishes - publishesBefore);
        Assert.Equal(0, peak);
    }

    // The ring object and its ten arrays' headers (24 B each on 64-bit .NET; 12 to 16 B on nanoFramework).
    private const long ObjectOverheadBytes = 512;

    private static long MeasureRing(int capacity)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ring = new FixRing(capacity);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(ring);
        return allocated;
    }
}
