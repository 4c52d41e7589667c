using Microsoft.Extensions.Logging;

namespace EdgeSdk.Rdss;

/// <summary>The library's log messages (source-generated, free when logging is off).</summary>
internal static partial class RdssLog
{
    [LoggerMessage(1, LogLevel.Warning, "RDSS terminal {Port}: no $BDFKI within {Timeout} (attempt {Attempt})")]
    public static partial void NoFeedback(ILogger logger, string port, TimeSpan timeout, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "RDSS terminal {Port}: end of stream (the port closed)")]
    public static partial void EndOfStream(ILogger logger, string port);

    [LoggerMessage(3, LogLevel.Error, "RDSS terminal {Port}: reading failed")]
    public static partial void ReadFailed(ILogger logger, Exception exception, string port);
}
