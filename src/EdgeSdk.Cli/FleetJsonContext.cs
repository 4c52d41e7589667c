using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeSdk.Fleet;

namespace EdgeSdk.Cli;

/// <summary>
/// Compile-time JSON metadata for the rows <c>edgesdk fleet</c> prints (camelCase names, as before the generator),
/// so the NativeAOT build prints them without reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VehiclePosition))]
[JsonSerializable(typeof(DailyDistance))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
