using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// A scenario file as the JSON source generator reads it. The public <see cref="Scenario"/> and
/// <see cref="ScenarioWaypoint"/> have init-only properties, which the generator assigns all at once, a value
/// the file leaves out becoming 0 instead of its initializer's (dotnet/runtime#84484: a waypoint without
/// speedLimitKmh got 0, not 40). These settable twins start from a default-constructed public object, so
/// the defaults stay written once, on the public types.
/// </summary>
internal sealed class ScenarioFile
{
    private static readonly Scenario Defaults = new();

    public string Name { get; set; } = Defaults.Name;

    public string? Description { get; set; } = Defaults.Description;

    public DateTime StartTimeUtc { get; set; } = Defaults.StartTimeUtc;

    public int Seed { get; set; } = Defaults.Seed;

    public double DurationSeconds { get; set; } = Defaults.DurationSeconds;

    public bool Loop { get; set; } = Defaults.Loop;

    public double MaxAccelerationMetersPerSecondSquared { get; set; } = Defaults.MaxAccelerationMetersPerSecondSquared;

    public double MaxBrakingMetersPerSecondSquared { get; set; } = Defaults.MaxBrakingMetersPerSecondSquared;

    public double GeoidSeparationMeters { get; set; } = Defaults.GeoidSeparationMeters;

    public double ElevationMaskDegrees { get; set; } = Defaults.ElevationMaskDegrees;

    public double UrbanCanyonMaskDegrees { get; set; } = Defaults.UrbanCanyonMaskDegrees;

    public double[]? ButtonPressSeconds { get; set; }

    public WaypointFile?[]? Waypoints { get; set; }

    /// <summary>The public scenario; a null list or waypoint (<c>"waypoints": null</c>) is a clear error, not a crash later.</summary>
    public Scenario ToScenario(string source)
    {
        WaypointFile?[] files = Waypoints ?? [];
        var waypoints = new ScenarioWaypoint[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            waypoints[i] = files[i]?.ToWaypoint() ?? throw new InvalidDataException($"{source}: waypoint {i} is null");
        }

        return new Scenario
        {
            Name = Name ?? Defaults.Name,
            Description = Description,
            StartTimeUtc = StartTimeUtc,
            Seed = Seed,
            DurationSeconds = DurationSeconds,
            Loop = Loop,
            MaxAccelerationMetersPerSecondSquared = MaxAccelerationMetersPerSecondSquared,
            MaxBrakingMetersPerSecondSquared = MaxBrakingMetersPerSecondSquared,
            GeoidSeparationMeters = GeoidSeparationMeters,
            ElevationMaskDegrees = ElevationMaskDegrees,
            UrbanCanyonMaskDegrees = UrbanCanyonMaskDegrees,
            ButtonPressSeconds = ButtonPressSeconds ?? Defaults.ButtonPressSeconds,
            Waypoints = waypoints,
        };
    }

    /// <summary>Reads scenario JSON: property names in any case, comments and trailing commas allowed, environments camelCase.</summary>
    /// <exception cref="JsonException">Malformed JSON or a value of the wrong type.</exception>
    public static ScenarioFile? Read(string json) => JsonSerializer.Deserialize(json, TypeInfo);

    private static readonly JsonTypeInfo<ScenarioFile> TypeInfo = CreateTypeInfo();

    private static JsonTypeInfo<ScenarioFile> CreateTypeInfo()
    {
        // The enum converter takes a naming policy, which the source-generation attributes cannot express.
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Converters = { new JsonStringEnumConverter<ScenarioEnvironment>(JsonNamingPolicy.CamelCase) },
            TypeInfoResolver = ScenarioFileJsonContext.Default,
        };
        return (JsonTypeInfo<ScenarioFile>)options.GetTypeInfo(typeof(ScenarioFile));
    }
}

/// <summary>One waypoint of a <see cref="ScenarioFile"/>; defaults from a default-constructed <see cref="ScenarioWaypoint"/>.</summary>
internal sealed class WaypointFile
{
    private static readonly ScenarioWaypoint Defaults = new();

    public string? Name { get; set; } = Defaults.Name;

    public double LatitudeDegrees { get; set; } = Defaults.LatitudeDegrees;

    public double LongitudeDegrees { get; set; } = Defaults.LongitudeDegrees;

    public double AltitudeMeters { get; set; } = Defaults.AltitudeMeters;

    public double SpeedLimitKmh { get; set; } = Defaults.SpeedLimitKmh;

    public ScenarioEnvironment Environment { get; set; } = Defaults.Environment;

    public double StopSeconds { get; set; } = Defaults.StopSeconds;

    public ScenarioWaypoint ToWaypoint() => new()
    {
        Name = Name,
        LatitudeDegrees = LatitudeDegrees,
        LongitudeDegrees = LongitudeDegrees,
        AltitudeMeters = AltitudeMeters,
        SpeedLimitKmh = SpeedLimitKmh,
        Environment = Environment,
        StopSeconds = StopSeconds,
    };
}

/// <summary>Source-generated metadata for scenario files, so they load in the NativeAOT build of edgesdk.</summary>
[JsonSerializable(typeof(ScenarioFile))]
internal sealed partial class ScenarioFileJsonContext : JsonSerializerContext;
