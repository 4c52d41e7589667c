using System.Globalization;
using System.Text.Json;
using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit;

/// <summary>
/// Alert rules read from a JSON file and checked against a VSS tree. A bad file never throws from
/// <see cref="TryParse"/>: the error is one line naming the file, the rule and what is wrong.
/// </summary>
/// <example>
/// <code>
/// {
///   "rules": [
///     { "id": "overspeed", "severity": "warning", "message": "Speed above 120 km/h",
///       "conditions": [ { "signal": "Vehicle.Speed", "op": "&gt;", "value": 120 } ],
///       "raiseAfterMs": 2000, "clearAfterMs": 3000 }
///   ]
/// }
/// </code>
/// </example>
public sealed class AlertRuleSet
{
    private static readonly HashSet<string> RuleProperties = ["id", "severity", "message", "when", "conditions", "raiseAfterMs", "clearAfterMs"];
    private static readonly HashSet<string> ConditionProperties = ["signal", "op", "value"];
    private static readonly Dictionary<string, AlertOperator> Operators = new(StringComparer.Ordinal)
    {
        [">"] = AlertOperator.GreaterThan,
        [">="] = AlertOperator.GreaterOrEqual,
        ["<"] = AlertOperator.LessThan,
        ["<="] = AlertOperator.LessOrEqual,
        ["=="] = AlertOperator.Equal,
        ["!="] = AlertOperator.NotEqual,
        ["staleFor"] = AlertOperator.StaleFor,
    };

    private static readonly Dictionary<string, AlertSeverity> Severities = new(StringComparer.Ordinal)
    {
        ["info"] = AlertSeverity.Info,
        ["warning"] = AlertSeverity.Warning,
        ["critical"] = AlertSeverity.Critical,
    };

    private AlertRuleSet(string source, IReadOnlyList<AlertRule> rules)
    {
        Source = source;
        Rules = rules;
    }

    /// <summary>Where the rules came from (the file name, or <c>built-in</c>).</summary>
    public string Source { get; }

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<AlertRule> Rules { get; }

    /// <summary>The built-in rules (overspeed, door open while moving, seat belt, low fuel, low battery, GNSS fix lost).</summary>
    public static string DefaultJson { get; } = ReadDefault();

    /// <summary>The built-in rules, checked against <paramref name="tree"/>.</summary>
    /// <exception cref="InvalidDataException">The tree lacks a signal the built-in rules use.</exception>
    public static AlertRuleSet LoadDefault(VssTree tree) => TryParse(DefaultJson, "built-in alert rules", tree, out AlertRuleSet? rules, out string error)
        ? rules
        : throw new InvalidDataException(error);

    /// <summary>Reads and checks a rule file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">The file is not a valid rule file (the message names the file and the rule).</exception>
    public static AlertRuleSet Load(string path, VssTree tree)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"alert rule file '{path}' not found: give an existing rule file (Cockpit:AlertRulesFile)", path);
        }

        return TryParse(File.ReadAllText(path), path, tree, out AlertRuleSet? rules, out string error) ? rules : throw new InvalidDataException(error);
    }

    /// <summary>Reads and checks rules; on error <paramref name="error"/> is one line: <c>rules.json: rule 2 ("overspeed"): ...</c>.</summary>
    public static bool TryParse(string json, string source, VssTree tree, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlertRuleSet? rules, out string error)
    {
        ArgumentNullException.ThrowIfNull(tree);
        rules = null;
        source ??= "alert rules";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? string.Empty, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            error = $"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}";
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                error = $"{source}: no \"rules\" array; a rule file is {{ \"rules\": [ {{ \"id\": ..., \"conditions\": [...] }} ] }}";
                return false;
            }

            var list = new List<AlertRule>();
            int number = 0;
            foreach (JsonElement element in array.EnumerateArray())
            {
                number++;
                string id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String
                    ? idElement.GetString()!
                    : string.Empty;
                string where = id.Length > 0 ? $"{source}: rule {number} (\"{id}\")" : $"{source}: rule {number}";
                if (!TryRule(element, id, tree, list, out AlertRule? rule, out string problem))
                {
                    error = $"{where}: {problem}";
                    return false;
                }

                list.Add(rule);
            }

            rules = new AlertRuleSet(source, list);
            error = string.Empty;
            return true;
        }
    }

    private static bool TryRule(JsonElement element, string id, VssTree tree, List<AlertRule> earlier, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlertRule? rule, out string problem)
    {
        rule = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "is not an object";
            return false;
        }

        if (Unknown(element, RuleProperties) is { } unknown)
        {
            problem = $"unknown property \"{unknown}\" (a rule has {string.Join(", ", RuleProperties)})";
            return false;
        }

        if (id.Length == 0)
        {
            problem = "has no \"id\" (a non-empty string)";
            return false;
        }

        if (earlier.Exists(r => r.Id == id))
        {
            problem = "the id is used by an earlier rule; ids must be unique";
            return false;
        }

        AlertSeverity severity = AlertSeverity.Warning;
        if (element.TryGetProperty("severity", out JsonElement s) && (s.ValueKind != JsonValueKind.String || !Severities.TryGetValue(s.GetString()!, out severity)))
        {
            problem = $"severity {s.GetRawText()} is not one of info, warning, critical";
            return false;
        }

        bool any = false;
        if (element.TryGetProperty("when", out JsonElement w))
        {
            any = w.ValueKind == JsonValueKind.String && w.GetString() == "any";
            if (!any && !(w.ValueKind == JsonValueKind.String && w.GetString() == "all"))
            {
                problem = $"\"when\" is {w.GetRawText()}, not \"all\" or \"any\"";
                return false;
            }
        }

        if (!TryMilliseconds(element, "raiseAfterMs", out int raiseAfter, out problem) || !TryMilliseconds(element, "clearAfterMs", out int clearAfter, out problem))
        {
            return false;
        }

        if (!element.TryGetProperty("conditions", out JsonElement conditionsElement) || conditionsElement.ValueKind != JsonValueKind.Array || conditionsElement.GetArrayLength() == 0)
        {
            problem = "has no \"conditions\" (a non-empty array of { \"signal\", \"op\", \"value\" })";
            return false;
        }

        var conditions = new List<AlertCondition>();
        int index = 0;
        foreach (JsonElement c in conditionsElement.EnumerateArray())
        {
            index++;
            if (!TryCondition(c, tree, out AlertCondition? condition, out string why))
            {
                problem = $"condition {index}: {why}";
                return false;
            }

            conditions.Add(condition);
        }

        string message = element.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String && m.GetString()!.Length > 0
            ? m.GetString()!
            : string.Join(any ? " or " : " and ", conditions.Select(c => c.ToString()));
        rule = new AlertRule(id, severity, message, any, conditions, raiseAfter, clearAfter);
        problem = string.Empty;
        return true;
    }

    private static bool TryCondition(JsonElement element, VssTree tree, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlertCondition? condition, out string problem)
    {
        condition = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "is not an object { \"signal\", \"op\", \"value\" }";
            return false;
        }

        if (Unknown(element, ConditionProperties) is { } unknown)
        {
            problem = $"unknown property \"{unknown}\" (a condition has signal, op, value)";
            return false;
        }

        if (!element.TryGetProperty("signal", out JsonElement p) || p.ValueKind != JsonValueKind.String || !tree.TryGetSignal(p.GetString()!, out VssSignal? signal))
        {
            problem = p.ValueKind == JsonValueKind.String ? $"unknown signal '{p.GetString()}' (not in the VSS tree)" : "has no \"signal\" (a VSS path)";
            return false;
        }

        if (!element.TryGetProperty("op", out JsonElement o) || o.ValueKind != JsonValueKind.String || !Operators.TryGetValue(o.GetString()!, out AlertOperator op))
        {
            problem = $"unknown op {(o.ValueKind == JsonValueKind.Undefined ? "(none)" : o.GetRawText())}; use one of {string.Join(", ", Operators.Keys)}";
            return false;
        }

        if (!element.TryGetProperty("value", out JsonElement v))
        {
            problem = "has no \"value\"";
            return false;
        }

        bool numeric = signal.WireType is VssValueType.Int32 or VssValueType.Int64 or VssValueType.UInt32 or VssValueType.UInt64 or VssValueType.Float or VssValueType.Double;
        if (op == AlertOperator.StaleFor || numeric)
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double number) || (op == AlertOperator.StaleFor && number < 0))
            {
                problem = op == AlertOperator.StaleFor
                    ? $"staleFor needs a number of milliseconds (not negative), not {v.GetRawText()}"
                    : $"{signal.Path} is a {VssTypes.Name(signal.DataType)} signal: compare it with a number, not {v.GetRawText()}";
                return false;
            }

            condition = new AlertCondition(signal, op, VssValue.None, number);
            problem = string.Empty;
            return true;
        }

        if (op is not (AlertOperator.Equal or AlertOperator.NotEqual))
        {
            problem = $"{signal.Path} is a {VssTypes.Name(signal.DataType)} signal: only == and != (and staleFor) apply to it";
            return false;
        }

        VssValue constant;
        if (signal.WireType == VssValueType.Bool && v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            constant = VssValue.FromBool(v.GetBoolean());
        }
        else if (signal.WireType == VssValueType.String && v.ValueKind == JsonValueKind.String)
        {
            constant = VssValue.FromString(v.GetString()!);
            VssError invalid = signal.Validate(constant);
            if (invalid != VssError.None)
            {
                problem = signal.Explain(invalid, constant);
                return false;
            }
        }
        else
        {
            problem = $"{signal.Path} is a {VssTypes.Name(signal.DataType)} signal: {v.GetRawText()} is not a value of it";
            return false;
        }

        condition = new AlertCondition(signal, op, constant, double.NaN);
        problem = string.Empty;
        return true;
    }

    private static bool TryMilliseconds(JsonElement element, string name, out int milliseconds, out string problem)
    {
        milliseconds = 0;
        problem = string.Empty;
        if (!element.TryGetProperty(name, out JsonElement value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out milliseconds) || milliseconds < 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"\"{name}\" is {value.GetRawText()}, not a whole number of milliseconds (0 or more)");
            return false;
        }

        return true;
    }

    private static string? Unknown(JsonElement element, HashSet<string> known)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                return property.Name;
            }
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    private static string ReadDefault()
    {
        using Stream stream = typeof(AlertRuleSet).Assembly.GetManifestResourceStream("EdgeSdk.Cockpit.default-alert-rules.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
