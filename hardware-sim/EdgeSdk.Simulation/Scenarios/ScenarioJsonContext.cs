using System.Text.Json.Serialization;

namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// Compile-time JSON metadata for <see cref="Scenario"/> (and the waypoints and environments inside it): loading
/// a scenario needs no reflection, so the NativeAOT build of <c>edgesdk</c> reads scenario files as the JIT build does.
/// The reading options (case-insensitive names, comments, camelCase enum names) stay in <see cref="Scenario"/>.
/// </summary>
[JsonSerializable(typeof(Scenario))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
