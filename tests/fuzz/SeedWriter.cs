using System.Buffers.Binary;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;
using Google.Protobuf;

namespace EdgeSdk.Fuzz;

/// <summary>
/// Writes the seeds of the binary targets with the project's own encoders (make-seeds.sh), so they start from bytes
/// the real code produces: FixBatch payloads and durable-queue directories.
/// </summary>
public static class SeedWriter
{
    private const long ReferenceUnixMs = 1_780_000_000_000;

    /// <summary>Writes <c>fixbatch/*</c> and <c>queue/*</c> under <paramref name="seedsDirectory"/>.</summary>
    public static void Write(string seedsDirectory)
    {
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        SatelliteInfo[] sky = Enumerable.Range(1, 6).Select(i => new SatelliteInfo { System = i <= 3 ? GnssSystem.Beidou : GnssSystem.Gps, GpsdPrn = i, Used = i % 2 == 0, SnrDbHz = 30 + i }).ToArray();
        GnssFix Fix(int i) => new()
        {
            TimeUtc = start.AddSeconds(i), Mode = FixMode.ThreeD, LatitudeDegrees = 31.2 + (i * 1e-5), LongitudeDegrees = 121.5,
            AltitudeMslMeters = 4, SpeedMetersPerSecond = i, CourseDegrees = 90, SatellitesUsed = 3, Satellites = sky, Hdop = 0.9,
        };
        WriteBatch(seedsDirectory, "one", [Fix(0)]);
        WriteBatch(seedsDirectory, "three", [Fix(0), Fix(1), Fix(2)]);
        WriteBatch(seedsDirectory, "no-position", [new GnssFix { TimeUtc = start, Mode = FixMode.NoFix }]);

        WriteQueue(seedsDirectory, "three-records", appended: 3, removed: 0);
        WriteQueue(seedsDirectory, "one-removed", appended: 3, removed: 1);
        WriteQueue(seedsDirectory, "empty", appended: 0, removed: 0);
    }

    private static void WriteBatch(string seedsDirectory, string name, GnssFix[] fixes)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ReferenceUnixMs);
        File.WriteAllBytes(Path.Combine(seedsDirectory, "fixbatch", name), [.. bytes, .. FixBatchCodec.Encode(fixes, ReferenceUnixMs).ToByteArray()]);
    }

    // The queue target's input layout: [u8 n][state.a][u8 m][state.b][segment 00000000000000000001.seg].
    private static void WriteQueue(string seedsDirectory, string name, int appended, int removed)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"edgesdk-fuzz-seed-{Environment.ProcessId}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        using (DurableQueue queue = DurableQueue.Open(new DurableQueueOptions { Directory = directory, RecordsPerSegment = 64 }))
        {
            for (int i = 0; i < appended; i++)
            {
                queue.Append([(byte)'r', (byte)i, 0x7E]);
            }

            for (int i = 0; i < removed; i++)
            {
                queue.Remove(queue.Peek(1)[0].Sequence);
            }
        }

        byte[] Part(string file) => File.Exists(Path.Combine(directory, file)) ? File.ReadAllBytes(Path.Combine(directory, file)) : [];
        string[] segments = Directory.GetFiles(directory, "*.seg");
        byte[] a = Part("state.a"), b = Part("state.b"), segment = segments.Length > 0 ? File.ReadAllBytes(segments[0]) : [];
        File.WriteAllBytes(Path.Combine(seedsDirectory, "queue", name), [(byte)a.Length, .. a, (byte)b.Length, .. b, .. segment]);
        Directory.Delete(directory, recursive: true);
    }
}
