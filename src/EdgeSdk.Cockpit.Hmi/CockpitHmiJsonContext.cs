using System.Text.Json.Serialization;

namespace EdgeSdk.Cockpit.Hmi;

/// <summary>
/// Compile-time JSON metadata for the HMI's API answers: the endpoints answer without reflection, so they also work
/// in the NativeAOT build of <c>edgesdk</c>. The options (ASP.NET Core's own for minimal APIs) are given by
/// <see cref="CockpitHmiEndpoints"/>.
/// </summary>
[JsonSerializable(typeof(CockpitHmiReply))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class CockpitHmiJsonContext : JsonSerializerContext;
