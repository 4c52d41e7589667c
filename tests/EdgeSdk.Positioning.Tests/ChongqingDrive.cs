using System.Globalization;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;

namespace EdgeSdk.Positioning.Tests;

/// <summary>
/// The simulator's Chongqing scenario read back by the real engine (EdgeSdk.Gnss, from the NMEA
/// bytes in a file): the samples the positioning layer sees in a vehicle, and the simulator's truth.
/// Run once per test class run (cached): the drive is about 28 simulated minutes.
/// </summary>
public sealed class ChongqingDrive
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ChongqingDrive? _cached;

    /// <summary>Every engine fix with a time, as samples, in order.</summary>
    public required IReadOnlyList<PositionSample> Samples { get; init; }

    /// <summary>Truth distance along the route: the sum of great-circle steps between true positions, meters.</summary>
    public required double TruthDistanceMeters { get; init; }

    /// <summary>Truth: the true positions per second, with speed.</summary>
    public required IReadOnlyList<(DateTime TimeUtc, double Lat, double Lon, double Speed, string Environment)> Truth { get; init; }

    public static async Task<ChongqingDrive> LoadAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _cached ??= await RunAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ChongqingDrive> RunAsync()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-chongqing-{Environment.ProcessId}-{Guid.NewGuid():N}.nmea");
        try
        {
            using var truthStream = new MemoryStream();
            await using (FileStream file = File.Create(path))
            {
                await GnssSimulator.RunAsync(new SimulationOptions { Scenario = "chongqing-logistics", Truth = truthStream }, file);
            }

            var samples = new List<PositionSample>();
            await using (GnssReceiver receiver = GnssReceiver.Open(path))
            {
                await foreach (GnssFix fix in receiver.ReadFixesAsync())
                {
                    if (fix.TryGetPositionSample(out PositionSample sample))
                    {
                        samples.Add(sample);
                    }
                }
            }

            var truth = new List<(DateTime, double, double, double, string)>();
            foreach (string line in System.Text.Encoding.UTF8.GetString(truthStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                JsonElement t = doc.RootElement;
                truth.Add((DateTime.Parse(t.GetProperty("timeUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble(),
                    t.GetProperty("speedMetersPerSecond").GetDouble(), t.GetProperty("environment").GetString()!));
            }

            double distance = 0;
            for (int i = 1; i < truth.Count; i++)
            {
                distance += GreatCircle.DistanceMeters(truth[i - 1].Item2, truth[i - 1].Item3, truth[i].Item2, truth[i].Item3);
            }

            return new ChongqingDrive { Samples = samples, Truth = truth, TruthDistanceMeters = distance };
        }
        finally
        {
            File.Delete(path);
        }
    }
}
