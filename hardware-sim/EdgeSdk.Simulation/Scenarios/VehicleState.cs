namespace EdgeSdk.Simulation.Scenarios;

/// <summary>Where the simulated vehicle truly is at one instant.</summary>
internal readonly record struct VehicleState(
    double LatitudeDegrees,
    double LongitudeDegrees,
    double AltitudeMslMeters,
    double SpeedMetersPerSecond,
    double CourseDegrees,
    double ClimbMetersPerSecond,
    ScenarioEnvironment Environment,
    int Leg,
    bool Finished);
