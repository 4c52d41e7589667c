using System.Reflection;
using EdgeSdk.Can;

namespace EdgeSdk.Simulation.Vehicle;

/// <summary>
/// The built-in CAN description of the simulated vehicle: <c>simulated-car.dbc</c> (Powertrain every 20 ms, Body
/// every 100 ms, Climate on an extended id every second) and the mapping that fills it. Used when no DBC and mapping
/// are given, so <c>edgesdk can sim</c> works without setup.
/// </summary>
public static class SimulatedCar
{
    /// <summary>The DBC text.</summary>
    public static string DbcText { get; } = Read("simulated-car.dbc");

    /// <summary>The mapping JSON.</summary>
    public static string MappingJson { get; } = Read("simulated-car.mapping.json");

    /// <summary>Parses the built-in DBC.</summary>
    /// <returns>The database.</returns>
    public static DbcDatabase LoadDbc()
    {
        if (!DbcParser.TryParse(DbcText, "simulated-car.dbc", out DbcDatabase? database, out DbcDiagnostic? error))
        {
            throw new InvalidDataException(error.ToString());
        }

        return database;
    }

    /// <summary>Parses the built-in mapping.</summary>
    /// <returns>The mapping.</returns>
    public static CanVssMapping LoadMapping() => CanVssMapping.Parse(MappingJson, "simulated-car.mapping.json");

    private static string Read(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"EdgeSdk.Simulation.Vehicle.{name}")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
