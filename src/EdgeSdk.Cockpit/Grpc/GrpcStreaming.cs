using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Writes a service's change stream to a gRPC response stream.</summary>
// The *GrpcService classes look alike only in shape: each binds one generated base to one interface, one line per
// RPC. What they really share, streaming a change feed to a client, is this one method.
internal static class GrpcStreaming
{
    /// <summary>
    /// Copies <paramref name="items"/> to <paramref name="stream"/> until the client goes away. A slow client makes
    /// <c>WriteAsync</c> wait (HTTP/2 flow control); meanwhile its bounded subscription drops its oldest items, so the
    /// publisher and the other subscribers go on at full speed.
    /// </summary>
    public static async Task CopyAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> items, IServerStreamWriter<T> stream, ServerCallContext context)
    {
        CancellationToken token = context.CancellationToken;
        try
        {
            await foreach (T item in items(token).WithCancellation(token).ConfigureAwait(false))
            {
                await stream.WriteAsync(item, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client cancelled or disconnected: the normal end of a watch.
        }
    }
}
