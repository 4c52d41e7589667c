using System.Globalization;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>
/// The simulator's Chongqing scenario (about 25 simulated minutes, a 2.5 km tunnel) as a truck terminal sees it: NMEA
/// from the simulated receiver read back by the real GNSS engine, as position samples, plus the simulator's truth.
/// Simulated once per test run.
/// </summary>
public static class ChongqingSamples
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (IReadOnlyList<PositionSample> Samples, IReadOnlyList<(DateTime TimeUtc, double Lat, double Lon)> Truth)? _cached;

    public static async Task<(IReadOnlyList<PositionSample> Samples, IReadOnlyList<(DateTime TimeUtc, double Lat, double Lon)> Truth)> LoadAsync()
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

    private static async Task<(IReadOnlyList<PositionSample>, IReadOnlyList<(DateTime, double, double)>)> RunAsync()
    {
        string path = Path.Combine(Path.GetTempPath(), $"edgesdk-jt808t-{Environment.ProcessId}-{Guid.NewGuid():N}.nmea");
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

            var truth = new List<(DateTime, double, double)>();
            foreach (string line in System.Text.Encoding.UTF8.GetString(truthStream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                JsonElement t = doc.RootElement;
                truth.Add((DateTime.Parse(t.GetProperty("timeUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    t.GetProperty("latitudeDegrees").GetDouble(), t.GetProperty("longitudeDegrees").GetDouble()));
            }

            return (samples, truth);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
