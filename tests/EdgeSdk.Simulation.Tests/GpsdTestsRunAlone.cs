namespace EdgeSdk.Simulation.Tests;

/// <summary>Runs <see cref="GpsdTests"/> after the parallel tests, on its own.</summary>
[CollectionDefinition(nameof(GpsdTests), DisableParallelization = true)]
public sealed class GpsdTestsRunAlone
{
}
