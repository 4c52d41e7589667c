namespace EdgeSdk.Telemetry;

/// <summary>
/// The one rule for fleet and device names (and shared-subscription groups). A name becomes an MQTT topic
/// level (<c>edgesdk/v1/{fleet}/{device}/fix</c>) and a directory of the durable queue
/// (<c>.../queue/{fleet}/{device}</c>), so it must be safe as both: one level without wildcards, one
/// path component that cannot climb out of its parent.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The longest name, in characters (keeps a name well under file systems' 255-byte component limit in UTF-8).</summary>
    public const int MaxLength = 64;

    /// <summary>The filter that means "every fleet" or "every device" on the consumer side.</summary>
    public const string Any = "+";

    /// <summary>The allowed set, as said in every error message.</summary>
    public const string AllowedSet = "1–64 letters, digits, '-', '_' or '.', not '.' or '..'";

    /// <summary>
    /// True when <paramref name="name"/> is 1–<see cref="MaxLength"/> letters (any script, e.g. a plate
    /// number 京A12345), digits, <c>-</c>, <c>_</c> or <c>.</c>, and not <c>.</c> or <c>..</c>. That excludes
    /// the MQTT wildcards <c>+</c> and <c>#</c>, the level separator <c>/</c>, path separators, spaces and
    /// control characters, and the <c>$</c> that starts broker-reserved topics.
    /// </summary>
    /// <param name="name">The fleet or device name.</param>
    public static bool IsValid(string? name) => Check(name) == TelemetryNameProblem.None;

    /// <summary>Why <paramref name="name"/> is not a valid name (the first problem found), or <see cref="TelemetryNameProblem.None"/>.</summary>
    /// <param name="name">The fleet, device or group name.</param>
    public static TelemetryNameProblem Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return TelemetryNameProblem.Empty;
        }

        if (name.Length > MaxLength)
        {
            return TelemetryNameProblem.TooLong;
        }

        if (name is "." or "..")
        {
            return TelemetryNameProblem.DotName;
        }

        foreach (char c in name)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                continue;
            }

            return c switch
            {
                '+' or '#' => TelemetryNameProblem.MqttWildcard,
                '/' => TelemetryNameProblem.LevelSeparator,
                '\\' or ':' => TelemetryNameProblem.PathCharacter,
                '$' => TelemetryNameProblem.ReservedCharacter,
                _ when char.IsControl(c) => TelemetryNameProblem.ControlCharacter,
                _ => TelemetryNameProblem.OtherCharacter,
            };
        }

        return TelemetryNameProblem.None;
    }

    /// <summary>Throws unless <paramref name="name"/> is a valid name (see <see cref="IsValid"/>).</summary>
    /// <param name="name">The fleet or device name.</param>
    /// <param name="what">What it is, for the message: "device", "fleet", ...</param>
    /// <exception cref="TelemetryNameException">The name is not valid; the message names it and the allowed set.</exception>
    public static void Validate(string? name, string what)
    {
        TelemetryNameProblem problem = Check(name);
        if (problem != TelemetryNameProblem.None)
        {
            throw new TelemetryNameException($"{what} {Quote(name)} is not allowed: use {AllowedSet}", name, problem);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="name"/> is a valid name or <see cref="Any"/> (<c>+</c>), for the
    /// consumer's subscription.
    /// </summary>
    /// <param name="name">The fleet or device name, or <c>+</c>.</param>
    /// <param name="what">What it is, for the message.</param>
    /// <exception cref="TelemetryNameException">Neither a valid name nor <c>+</c>; the message names it and the allowed set.</exception>
    public static void ValidateFilter(string? name, string what)
    {
        TelemetryNameProblem problem = name == Any ? TelemetryNameProblem.None : Check(name);
        if (problem != TelemetryNameProblem.None)
        {
            throw new TelemetryNameException($"{what} {Quote(name)} is not allowed: use {AllowedSet}, or + for all", name, problem);
        }
    }

    // Shows the bad value so that an empty one or one with a control character is visible in the message.
    private static string Quote(string? name)
    {
        if (name == null)
        {
            return "(none)";
        }

        var text = new System.Text.StringBuilder("'");
        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                text.Append($"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('\'').ToString();
    }
}
