using System.Globalization;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Simulation;

namespace EdgeSdk.Positioning.Tests;

/// <summary>
/// The simulator's Chongqing scenario read back by the real engine (EdgeSdk.Gnss, from the NMEA
/// bytes in a file): the samples the positioning layer sees in a vehicle, and the simulator's truth.
/// Simulated once per noise level per test run (cached): the drive is about 25 simulated minutes.
/// </summary>
public sealed class ChongqingDrive
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<double, ChongqingDrive> Cached = new();

    /// <summary>Every engine fix with a time, as samples, in order.</summary>
    public required IReadOnlyList<PositionSample> Samples { get; init; }

    /// <summary>Truth distance along the route: the sum of great-circle steps between true positions, meters.</summary>
    public required double TruthDistanceMeters { get; init; }

    /// <summary>Truth: the true positions per second, with speed.</summary>
    public required IReadOnlyList<(DateTime TimeUtc, double Lat, double Lon, double Speed, string Environment)> Truth { get; init; }

    /// <summary>The drive with the simulator's receiver noise (one-sigma UERE, meters; the scenario default is 2).</summary>
    public static async Task<ChongqingDrive> LoadAsync(double noiseMeters = 2.0)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Cached.TryGetValue(noiseMeters, out ChongqingDrive? drive))
            {
                Cached[noiseMeters] = drive = await RunAsync(noiseMeters);
            }

            return drive;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<ChongqingDrive> RunAsync(double noiseMeters)
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-chongqing-{Environment.ProcessId}-{Guid.NewGuid():N}.nmea");
        try
        {
            using var truthStream = new MemoryStream();
            await using (FileStream file = File.Create(path))
            {
                await GnssSimulator.RunAsync(new SimulationOptions { Scenario = "chongqing-logistics", NoiseMeters = noiseMeters, Truth = truthStream }, file);
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
