namespace EdgeSdk.Telemetry;

/// <summary>Why a fleet, device or group name was refused (<see cref="TelemetryNames.Check"/>), the first problem found.</summary>
public enum TelemetryNameProblem
{
    /// <summary>The name is valid.</summary>
    None = 0,

    /// <summary>Null or empty.</summary>
    Empty = 1,

    /// <summary>Longer than <see cref="TelemetryNames.MaxLength"/> characters.</summary>
    TooLong = 2,

    /// <summary><c>.</c> or <c>..</c>: as a queue directory it is the parent or the folder itself.</summary>
    DotName = 3,

    /// <summary>An MQTT wildcard, <c>+</c> or <c>#</c>: it would subscribe to, or be refused on, other devices' topics.</summary>
    MqttWildcard = 4,

    /// <summary>The MQTT level separator <c>/</c> (also a path separator): it would add topic levels and directories.</summary>
    LevelSeparator = 5,

    /// <summary>A path character, <c>\</c> or <c>:</c>, that Windows or a drive letter would treat as a path.</summary>
    PathCharacter = 6,

    /// <summary>A control character, including NUL, which MQTT forbids in topics and file systems end names at.</summary>
    ControlCharacter = 7,

    /// <summary><c>$</c>, which starts broker-reserved topics such as <c>$SYS</c> and <c>$share</c>.</summary>
    ReservedCharacter = 8,

    /// <summary>Any other character outside letters, digits, <c>-</c>, <c>_</c> and <c>.</c> (a space, a quote, ...).</summary>
    OtherCharacter = 9,
}
