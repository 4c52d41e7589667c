using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Telemetry.TestPublisher;

/// <summary>
/// `TestPublisher nmea-latency MQTT_URI QUEUE_DIR [EPOCHS] [SPEEDUP] [IDLE_GAP_MS]`: end-to-end latency from the
/// NMEA line to the consumer, all real parts: the simulator (casic, 1 Hz, realtime) writes each epoch to a pty;
/// a <see cref="GnssReceiver"/> reads the pty as a serial port; a <see cref="TelemetryPublisher"/> (batch wait 0)
/// sends to the broker; a <see cref="TelemetryConsumer"/> decodes. Clock starts when the epoch's bytes (its last
/// sentence included: one write per epoch) are in the pty, stops when the consumer hands out the fix with that
/// epoch's time. Also splits it at the receiver (NMEA → GnssFix) and prints percentiles. Never asserted in a test.
/// </summary>
public static class NmeaLatency
{
    public static async Task<int> RunAsync(Uri broker, string queueDirectory, int epochs, double speedup, TimeSpan idleGap)
    {
        var written = new ConcurrentDictionary<DateTime, long>();
        var received = new ConcurrentDictionary<DateTime, long>();
        var endToEnd = new ConcurrentQueue<double>();
        var connection = new MqttConnectionOptions { BrokerUri = broker };
        await using var consumer = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = connection });
        await consumer.StartAsync();
        Task reader = Task.Run(async () =>
        {
            await foreach (ReceivedFix fix in consumer.ReadFixesAsync())
            {
                long now = Stopwatch.GetTimestamp();
                if (fix.TimeUtc is { } time && written.TryGetValue(time, out long start))
                {
                    endToEnd.Enqueue(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
                }
            }
        });

        await using var publisher = new TelemetryPublisher(new TelemetryPublisherOptions
        {
            DeviceId = "nmea-latency",
            Connection = connection,
            QueueDirectory = queueDirectory,
            BatchMaxDelay = TimeSpan.Zero, // each fix goes out as soon as it is queued
        });
        await publisher.StartAsync();

        using var pty = PseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        await using GnssReceiver receiver = GnssReceiver.Open($"serial:{pty.SlavePath}?baud=115200", new GnssReceiverOptions { EpochIdleGap = idleGap });
        Task pipeline = Task.Run(async () =>
        {
            try
            {
                await foreach (GnssFix fix in receiver.ReadFixesAsync(stop.Token))
                {
                    if (fix.TimeUtc is { } time)
                    {
                        received[time] = Stopwatch.GetTimestamp();
                    }

                    publisher.TryEnqueue(fix);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Done.
            }
        });

        var options = new SimulationOptions { DurationSeconds = epochs, Realtime = true, Speedup = speedup };
        SimulationSummary summary = await GnssSimulator.RunAsync(options, new TimedStream(pty.Stream, written));
        await Task.Delay(TimeSpan.FromSeconds(2)); // the last epoch through the idle gap, the queue and the broker
        await stop.CancelAsync();
        await pipeline;

        double[] total = [.. endToEnd.Order()];
        double[] toFix = [.. written.Where(w => received.ContainsKey(w.Key)).Select(w => Stopwatch.GetElapsedTime(w.Value, received[w.Key]).TotalMilliseconds).Order()];
        Console.WriteLine($"nmea-latency: {summary.Epochs} epochs (casic, 1 Hz, speedup {speedup}), pty, EpochIdleGap {idleGap.TotalMilliseconds:F0} ms, " +
            $"BatchMaxDelay 0, {publisher.Counters.Acknowledged} acknowledged, {consumer.Counters.Fixes} decoded, {pty.DroppedBytes} pty bytes dropped");
        Console.WriteLine($"  NMEA written -> GnssFix out of the receiver: n={toFix.Length} p50 {Bench.Percentile(toFix, 0.5):F1} ms, p99 {Bench.Percentile(toFix, 0.99):F1} ms");
        Console.WriteLine($"  NMEA written -> fix decoded by the consumer: n={total.Length} p50 {Bench.Percentile(total, 0.5):F1} ms, p99 {Bench.Percentile(total, 0.99):F1} ms, max {total.LastOrDefault():F1} ms");
        return total.Length > 0 ? 0 : 1;
    }

    /// <summary>Passes writes through and notes, per epoch (its RMC time), when its bytes were written.</summary>
    private sealed class TimedStream(Stream inner, ConcurrentDictionary<DateTime, long> written) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            long now = Stopwatch.GetTimestamp();
            if (RmcTime(Encoding.ASCII.GetString(buffer.Span)) is { } time)
            {
                written[time] = now;
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // $GNRMC,hhmmss.sss,A,lat,N,lon,E,speed,course,ddmmyy,...
        private static DateTime? RmcTime(string epoch)
        {
            int at = epoch.IndexOf("RMC,", StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            string[] fields = epoch[at..epoch.IndexOf('*', at)].Split(',');
            return DateTime.TryParseExact(fields[9] + fields[1], "ddMMyyHHmmss.fff", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time) ? time : null;
        }
    }
}
