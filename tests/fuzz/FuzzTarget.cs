namespace EdgeSdk.Fuzz;

/// <summary>One fuzz target: a name for the command line and the action that feeds it one input.</summary>
/// <param name="Name">The name given to run.sh and the harness.</param>
/// <param name="Description">What it exercises and what counts as a failure.</param>
/// <param name="Run">Feeds one input; throws only on a failure (an exception the API promises not to throw, or a broken invariant).</param>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run);
