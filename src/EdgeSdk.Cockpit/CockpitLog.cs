using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>The library's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class CockpitLog
{
    [LoggerMessage(1, LogLevel.Error, "cockpit service {Name} failed: {Reason}")]
    public static partial void ServiceFaulted(ILogger logger, string name, string reason, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "cockpit service {Name} up ({Implementation})")]
    public static partial void ServiceUp(ILogger logger, string name, string implementation);

    [LoggerMessage(3, LogLevel.Information, "alert {Kind} {RuleId}: {Message}")]
    public static partial void Alert(ILogger logger, string kind, string ruleId, string message);

    [LoggerMessage(4, LogLevel.Warning, "{Count} VSS value(s) refused while {What}")]
    public static partial void Refused(ILogger logger, long count, string what);
}
