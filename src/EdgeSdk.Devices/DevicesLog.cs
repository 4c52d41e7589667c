using Microsoft.Extensions.Logging;

namespace EdgeSdk.Devices;

// The library's log messages, generated once (no boxing or formatting when logging is off).
internal static partial class DevicesLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void DisplayNotConnected(ILogger logger, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Display}: showing status")]
    public static partial void DisplayShowing(ILogger logger, string display);
}
