using Microsoft.Extensions.Logging;

namespace EdgeSdk.Devices;

// The PPS time source's log messages (event ids 40–49, apart from DevicesLog's), generated once.
internal static partial class PpsLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Message}")]
    public static partial void StateChanged(ILogger logger, string message);

    [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "PPS sample {Sample}")]
    public static partial void Sample(ILogger logger, TimeSample sample);
}
