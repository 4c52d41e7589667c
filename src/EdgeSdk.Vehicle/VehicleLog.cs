using Microsoft.Extensions.Logging;

namespace EdgeSdk.Vehicle;

/// <summary>The library's log messages (source-generated, free when logging is off).</summary>
internal static partial class VehicleLog
{
    [LoggerMessage(1, LogLevel.Information, "provider {Provider} claimed {Count} {Kind}")]
    public static partial void Claimed(ILogger logger, string provider, int count, string kind);

    [LoggerMessage(2, LogLevel.Information, "gRPC provider stream {Provider} closed: {Reason}")]
    public static partial void ProviderStreamClosed(ILogger logger, string provider, string reason);

    [LoggerMessage(3, LogLevel.Information, "kuksa.val.v2 gRPC server listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);
}
