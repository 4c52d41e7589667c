using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// A drive to simulate: route waypoints, speed profile (acceleration and braking limits, per-leg
/// speed limits, stops), start time, random seed and per-leg environment. Loaded from JSON (see the
/// README for the format) or by built-in name: <c>chongqing-logistics</c>, <c>campus-loop</c>.
/// A record, so a variant is <c>scenario with { Waypoints = ... }</c>: every other setting is carried over,
/// including any added later (<see cref="ScenarioSection"/> relies on that).
/// </summary>
public sealed record Scenario
{
    /// <summary>Names of the scenarios shipped inside the library.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = new[] { "chongqing-logistics", "campus-loop", "bike-ride" };

    /// <summary>Scenario name (used in the truth output).</summary>
    public string Name { get; init; } = "unnamed";

    /// <summary>What the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>Simulated UTC time of the first epoch.</summary>
    public DateTime StartTimeUtc { get; init; } = new(2026, 3, 18, 1, 30, 0, DateTimeKind.Utc);

    /// <summary>Random seed (noise, faults, acquisition); overridden by <see cref="SimulationOptions.Seed"/>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Length of the run in seconds; 0 means "until the route ends" (required when <see cref="Loop"/>).</summary>
    public double DurationSeconds { get; init; }

    /// <summary>When true the vehicle drives the route again and again (last waypoint back to the first).</summary>
    public bool Loop { get; init; }

    /// <summary>Largest acceleration, m/s².</summary>
    public double MaxAccelerationMetersPerSecondSquared { get; init; } = 1.5;

    /// <summary>Largest braking deceleration, m/s²; the speed profile brakes ahead of stops and slower legs.</summary>
    public double MaxBrakingMetersPerSecondSquared { get; init; } = 2.5;

    /// <summary>Geoid separation (ellipsoid minus mean sea level) reported in GGA, meters.</summary>
    public double GeoidSeparationMeters { get; init; } = -28.0;

    /// <summary>Elevation mask in open sky, degrees.</summary>
    public double ElevationMaskDegrees { get; init; } = 5;

    /// <summary>Elevation mask in an urban canyon away from the street axis, degrees.</summary>
    public double UrbanCanyonMaskDegrees { get; init; } = 30;

    /// <summary>Seconds after the start at which the virtual board's button is pressed (and released 0.2 s later).</summary>
    public IReadOnlyList<double> ButtonPressSeconds { get; init; } = Array.Empty<double>();

    /// <summary>The route, at least two points.</summary>
    public IReadOnlyList<ScenarioWaypoint> Waypoints { get; init; } = Array.Empty<ScenarioWaypoint>();

    /// <summary>
    /// Loads a built-in scenario by name, or a JSON file by path.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither a built-in name nor an existing file.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid scenario; the message says what is wrong.</exception>
    public static Scenario Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (BuiltInNames.Contains(nameOrPath))
        {
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"EdgeSdk.Simulation.Scenarios.{nameOrPath}.json")!;
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), nameOrPath);
        }

        if (!File.Exists(nameOrPath))
        {
            throw new FileNotFoundException(
                $"scenario '{nameOrPath}' is neither a built-in scenario ({string.Join(", ", BuiltInNames)}) nor an existing JSON file", nameOrPath);
        }

        return Parse(File.ReadAllText(nameOrPath), nameOrPath);
    }

    /// <summary>Parses and validates scenario JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">Malformed JSON or an invalid value.</exception>
    public static Scenario Parse(string json, string source = "scenario")
    {
        ScenarioFile? file;
        try
        {
            file = ScenarioFile.Read(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a valid scenario JSON ({ex.Message})", ex);
        }

        if (file == null)
        {
            throw new InvalidDataException($"{source}: empty scenario");
        }

        Scenario scenario = file.ToScenario(source);
        scenario.Validate(source);
        return scenario;
    }

    private void Validate(string source)
    {
        string? problem = null;
        if (Waypoints.Count < 2)
        {
            problem = "needs at least two waypoints";
        }
        else if (Loop && DurationSeconds <= 0)
        {
            problem = "a looping route needs durationSeconds > 0";
        }
        else if (MaxAccelerationMetersPerSecondSquared <= 0 || MaxBrakingMetersPerSecondSquared <= 0)
        {
            problem = "acceleration and braking limits must be positive";
        }

        for (int i = 0; problem == null && i < Waypoints.Count; i++)
        {
            ScenarioWaypoint w = Waypoints[i];
            if (Math.Abs(w.LatitudeDegrees) > 90 || Math.Abs(w.LongitudeDegrees) > 180)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"waypoint {i} has latitude/longitude out of range");
            }
            else if (w.SpeedLimitKmh <= 0 || w.StopSeconds < 0)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"waypoint {i} needs speedLimitKmh > 0 and stopSeconds >= 0");
            }
        }

        if (problem != null)
        {
            throw new InvalidDataException($"{source}: {problem}");
        }
    }
}
