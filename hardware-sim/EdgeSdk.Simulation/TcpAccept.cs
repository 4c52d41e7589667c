using System.Net.Sockets;

namespace EdgeSdk.Simulation;

/// <summary>The accept step of the simulator's TCP servers (the broadcast output, the outage relay).</summary>
internal static class TcpAccept
{
    /// <summary>The next client, or null once <paramref name="stop"/> is cancelled or the listener stopped.</summary>
    public static async Task<TcpClient?> NextAsync(TcpListener listener, CancellationToken stop)
    {
        try
        {
            return await listener.AcceptTcpClientAsync(stop).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return null;
        }
    }
}
