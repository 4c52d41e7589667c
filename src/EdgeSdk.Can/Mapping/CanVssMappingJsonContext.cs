using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.Can;

/// <summary>
/// Compile-time JSON metadata for <see cref="CanVssMapping"/>: reading a mapping file needs no reflection, so the
/// NativeAOT build of <c>edgesdk</c> reads it exactly as the JIT build does. Same options as before the generator:
/// names case-insensitive, comments and trailing commas allowed.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CanVssMapping))]
internal sealed partial class CanVssMappingJsonContext : JsonSerializerContext;
