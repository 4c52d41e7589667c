using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeSdk.Can;

/// <summary>
/// A mapping file as the JSON source generator reads it. <see cref="CanVssMappingEntry"/> has init-only
/// properties, which the generator assigns all at once, an entry the file leaves out becoming 0 instead of its
/// initializer's value (dotnet/runtime#84484: intervalMs 0, scale 0). These settable twins start from a
/// default-constructed entry, so the defaults stay written once, on the public type.
/// </summary>
internal sealed class CanVssMappingFile
{
    public CanVssMappingEntryFile?[]? Signals { get; set; }
}

/// <summary>One entry of a <see cref="CanVssMappingFile"/>.</summary>
internal sealed class CanVssMappingEntryFile
{
    private static readonly CanVssMappingEntry Defaults = new();

    public string? Vss { get; set; } = Defaults.Vss;

    public string? Message { get; set; } = Defaults.Message;

    public string? Signal { get; set; } = Defaults.Signal;

    public int IntervalMs { get; set; } = Defaults.IntervalMs;

    public bool OnChange { get; set; } = Defaults.OnChange;

    public string? Transform { get; set; } = Defaults.Transform;

    public double Scale { get; set; } = Defaults.Scale;

    public Dictionary<string, string>? ValueMap { get; set; }

    /// <summary>The public entry; <c>null</c> texts read as missing (empty), which the caller reports.</summary>
    public CanVssMappingEntry ToEntry() => new()
    {
        Vss = Vss ?? "",
        Message = Message ?? "",
        Signal = Signal ?? "",
        IntervalMs = IntervalMs,
        OnChange = OnChange,
        Transform = Transform ?? "",
        Scale = Scale,
        ValueMap = ValueMap,
    };
}

/// <summary>Source-generated metadata for mapping files (names in any case, comments and trailing commas allowed), so they load in the NativeAOT build of edgesdk.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CanVssMappingFile))]
internal sealed partial class CanVssMappingJsonContext : JsonSerializerContext;
