using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// Compile-time JSON metadata for the HMI's API answers, with ASP.NET Core's web defaults (camelCase): the
/// endpoints answer without reflection, so they also work in the NativeAOT build of <c>edgesdk</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CockpitHmiReply))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class CockpitHmiJsonContext : JsonSerializerContext;
