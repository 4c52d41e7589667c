namespace EdgeSdk.Simulation.Scenarios;

/// <summary>What surrounds the antenna along a route leg.</summary>
public enum ScenarioEnvironment
{
    /// <summary>Open sky: the standard elevation mask.</summary>
    Open,
    /// <summary>Street between tall buildings: a high mask except along the street, weaker signals, more multipath noise.</summary>
    UrbanCanyon,
    /// <summary>No sky at all: no satellites, no fix; reacquisition takes a few seconds after the exit.</summary>
    Tunnel,
}
