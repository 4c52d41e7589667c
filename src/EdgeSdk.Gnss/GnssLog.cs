using System.Net;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Gnss;

/// <summary>The library's log messages (source-generated, free when logging is off).</summary>
internal static partial class GnssLog
{
    [LoggerMessage(1, LogLevel.Information, "{Source}: {Status}")]
    public static partial void SourceStatus(ILogger logger, string source, string status);

    [LoggerMessage(2, LogLevel.Information, "receiver: {Status}")]
    public static partial void ReceiverStatus(ILogger logger, string status);

    [LoggerMessage(3, LogLevel.Information, "gpsd client {Client} connected")]
    public static partial void ClientConnected(ILogger logger, EndPoint? client);

    [LoggerMessage(4, LogLevel.Information, "gpsd client disconnected ({Dropped} reports dropped)")]
    public static partial void ClientDisconnected(ILogger logger, long dropped);

    [LoggerMessage(6, LogLevel.Warning, "gpsd server: accepting a client failed ({Reason}); retrying with a backoff (counted in AcceptFailures)")]
    public static partial void AcceptFailing(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "receiver: an epoch failed to fuse and was skipped; the loop goes on (later failures are only counted in FusionFaults)")]
    public static partial void EpochFailed(ILogger logger, Exception exception);
}
