using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeSdk.Vehicle;

/// <summary>
/// Builds a <see cref="VssTree"/> from VSS JSON exports: a base tree, then overlays in order. An overlay is
/// a tree in the same format; each node merges into the tree key by key (a later file overrides a leaf's
/// <c>min</c>, <c>unit</c> or <c>allowed</c>; a leaf or branch it names that does not exist is added), as
/// KUKSA's databroker merges several <c>--vss</c> files.
/// </summary>
/// <example>
/// <code>
/// var builder = new VssTreeBuilder();
/// builder.AddDefault();
/// if (!builder.TryAdd(File.ReadAllBytes("overlay.json"), "overlay.json", out string error)) Console.Error.WriteLine(error);
/// VssTree tree = builder.Build();
/// </code>
/// </example>
public sealed class VssTreeBuilder
{
    private readonly JsonObject _root = new();
    private readonly List<string> _sources = [];

    /// <summary>Adds the VSS 6.0 tree shipped inside this assembly (MPL-2.0, see Data/README.md).</summary>
    public VssTreeBuilder AddDefault()
    {
        using Stream stream = typeof(VssTreeBuilder).Assembly.GetManifestResourceStream(VssTree.DefaultResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {VssTree.DefaultResourceName} is missing from {typeof(VssTreeBuilder).Assembly.GetName().Name}");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        if (!TryAdd(memory.ToArray(), "VSS 6.0 (built in)", out string error))
        {
            throw new InvalidDataException(error);
        }

        return this;
    }

    /// <summary>
    /// Merges one VSS JSON document. Returns false with a message naming <paramref name="sourceName"/> when it
    /// is not JSON or not a tree; the builder is unchanged then. Never throws on bad input.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> json, string sourceName, out string error)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            error = $"{sourceName}: not valid JSON: {ex.Message}";
            return false;
        }

        if (node is not JsonObject tree || tree.Count == 0)
        {
            error = $"{sourceName}: a VSS JSON export is an object whose keys are root branches (\"Vehicle\": {{...}})";
            return false;
        }

        Merge(_root, tree);
        _sources.Add(sourceName);
        error = "";
        return true;
    }

    /// <summary>
    /// Walks the merged tree into signals with IDs in tree order. Leaves that cannot be served (unknown type or
    /// datatype, min/max/allowed that do not fit the datatype) are left out and listed in <see cref="VssTree.Problems"/>.
    /// </summary>
    public VssTree Build()
    {
        var signals = new List<VssSignal>();
        var branches = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach ((string name, JsonNode? node) in _root)
        {
            Walk(name, node, signals, branches, problems);
        }

        return new VssTree(signals, branches, problems, [.. _sources]);
    }

    private static void Merge(JsonObject target, JsonObject overlay)
    {
        foreach ((string key, JsonNode? value) in overlay)
        {
            if (target[key] is JsonObject existing && value is JsonObject nested)
            {
                Merge(existing, nested);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void Walk(string path, JsonNode? node, List<VssSignal> signals, HashSet<string> branches, List<string> problems)
    {
        if (node is not JsonObject entry)
        {
            problems.Add($"{path}: not an object");
            return;
        }

        string type = entry["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : "";
        if (type == "branch" || (type.Length == 0 && entry["children"] is JsonObject))
        {
            branches.Add(path);
            if (entry["children"] is JsonObject children)
            {
                foreach ((string name, JsonNode? child) in children)
                {
                    Walk(path + "." + name, child, signals, branches, problems);
                }
            }

            return;
        }

        VssEntryType entryType = type switch
        {
            "sensor" => VssEntryType.Sensor,
            "actuator" => VssEntryType.Actuator,
            "attribute" => VssEntryType.Attribute,
            _ => VssEntryType.Unspecified,
        };
        if (entryType == VssEntryType.Unspecified)
        {
            problems.Add($"{path}: type '{type}' is not served (sensor, actuator, attribute or branch)");
            return;
        }

        string datatypeName = entry["datatype"] is JsonValue d && d.TryGetValue(out string? dn) ? dn : "";
        if (!VssTypes.TryParseDataType(datatypeName, out VssDataType dataType))
        {
            problems.Add($"{path}: datatype '{datatypeName}' is not a VSS primitive type (struct types are not served)");
            return;
        }

        VssValueType element = VssTypes.ElementType(VssTypes.WireType(dataType));
        if (!TryScalar(entry, "min", element, path, problems, out VssValue min)
            || !TryScalar(entry, "max", element, path, problems, out VssValue max)
            || !TryArray(entry, "allowed", VssTypes.ArrayType(element), path, problems, out VssValue allowed))
        {
            return;
        }

        VssValue defaultValue = VssValue.None;
        if (entry["default"] is JsonNode def)
        {
            using JsonDocument document = JsonDocument.Parse(def.ToJsonString());
            bool ok = VssTypes.IsArray(dataType)
                ? document.RootElement.ValueKind == JsonValueKind.Array
                  && VssValue.TryFromJsonArray(document.RootElement, VssTypes.WireType(dataType), out defaultValue, out _, datatypeName)
                : VssValue.TryFromJson(document.RootElement, element, out defaultValue);
            if (!ok)
            {
                problems.Add($"{path}: default {def.ToJsonString()} is not a {datatypeName}; ignored");
                defaultValue = VssValue.None;
            }
        }

        signals.Add(new VssSignal(signals.Count + 1, path, entryType, dataType)
        {
            Unit = Text(entry, "unit"),
            Description = Text(entry, "description"),
            Comment = Text(entry, "comment"),
            Deprecation = Text(entry, "deprecation"),
            Min = min,
            Max = max,
            Allowed = allowed,
            Default = defaultValue,
        });
    }

    private static bool TryScalar(JsonObject entry, string key, VssValueType element, string path, List<string> problems, out VssValue value)
    {
        value = VssValue.None;
        if (entry[key] is not JsonNode node)
        {
            return true;
        }

        using JsonDocument document = JsonDocument.Parse(node.ToJsonString());
        JsonElement json = document.RootElement;
        // VSS writes min/max of a float signal as integers (0, 100); read them in the signal's own type.
        if (json.ValueKind == JsonValueKind.Number && element is VssValueType.Int32 or VssValueType.Int64 or VssValueType.UInt32 or VssValueType.UInt64
            && json.TryGetDouble(out double real) && real != Math.Floor(real))
        {
            problems.Add($"{path}: {key} {json.GetRawText()} is not an integer; signal left out");
            return false;
        }

        if (VssValue.TryFromJson(json, element, out value))
        {
            return true;
        }

        problems.Add($"{path}: {key} {json.GetRawText()} does not fit {element}; signal left out");
        return false;
    }

    private static bool TryArray(JsonObject entry, string key, VssValueType arrayType, string path, List<string> problems, out VssValue value)
    {
        value = VssValue.None;
        if (entry[key] is not JsonNode node)
        {
            return true;
        }

        using JsonDocument document = JsonDocument.Parse(node.ToJsonString());
        if (document.RootElement.ValueKind == JsonValueKind.Array
            && VssValue.TryFromJsonArray(document.RootElement, arrayType, out value, out string error, arrayType.ToString()))
        {
            return true;
        }

        problems.Add($"{path}: {key} {node.ToJsonString()} is not an array of {VssTypes.ElementType(arrayType)}; signal left out");
        return false;
    }

    private static string Text(JsonObject entry, string key) => entry[key] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
}
