using System.Text;
using System.Text.Json;
using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Tests;

/// <summary>Runs the simulator into memory and splits its output into lines and truth records.</summary>
public sealed class SimRun
{
    public required byte[] Bytes { get; init; }
    public required byte[] TruthBytes { get; init; }
    public required SimulationSummary Summary { get; init; }

    public string Text => Encoding.Latin1.GetString(Bytes);

    public string[] Lines => Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    public List<JsonElement> Truth => ParseTruth(TruthBytes);

    /// <summary>Truth JSON lines, one element per epoch.</summary>
    public static List<JsonElement> ParseTruth(byte[] jsonLines) => Encoding.UTF8.GetString(jsonLines)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static async Task<SimRun> RunAsync(SimulationOptions options)
    {
        using var output = new MemoryStream();
        using var truth = new MemoryStream();
        var withTruth = new SimulationOptions
        {
            Scenario = options.Scenario, ScenarioDefinition = options.ScenarioDefinition, Seed = options.Seed,
            DurationSeconds = options.DurationSeconds, RateHz = options.RateHz, Receiver = options.Receiver,
            BaudRate = options.BaudRate, Faults = options.Faults, NoiseMeters = options.NoiseMeters, Gpio = options.Gpio,
            Truth = truth,
        };
        SimulationSummary summary = await GnssSimulator.RunAsync(withTruth, output);
        return new SimRun { Bytes = output.ToArray(), TruthBytes = truth.ToArray(), Summary = summary };
    }

    /// <summary>True when the line is <c>$...*HH</c> with HH the XOR of the bytes between '$' and '*' (written here, not taken from the library).</summary>
    public static bool HasValidChecksum(string line)
    {
        return line.StartsWith('$') && line.IndexOf('$', 1) < 0 && NmeaChecksum.Verify(line);
    }

    /// <summary>Latitude/longitude in degrees from NMEA ddmm.mmmm,N,dddmm.mmmm,E fields.</summary>
    public static (double Lat, double Lon) ParseLatLon(string lat, string ns, string lon, string ew)
    {
        double la = double.Parse(lat[..2]) + (double.Parse(lat[2..], System.Globalization.CultureInfo.InvariantCulture) / 60);
        double lo = double.Parse(lon[..3]) + (double.Parse(lon[3..], System.Globalization.CultureInfo.InvariantCulture) / 60);
        return (ns == "S" ? -la : la, ew == "W" ? -lo : lo);
    }

    /// <summary>Equirectangular distance in meters: plenty for errors of a few meters.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        double dn = (lat2 - lat1) * 111_320;
        double de = (lon2 - lon1) * 111_320 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt((dn * dn) + (de * de));
    }
}
