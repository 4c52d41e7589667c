namespace EdgeSdk.Can;

/// <summary>Anything that delivers CAN frames: a candump file, the virtual bus, a SocketCAN interface.</summary>
public interface ICanFrameSource
{
    /// <summary>Reads frames until the source ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The frames, in arrival order.</returns>
    IAsyncEnumerable<CanFrame> ReadFramesAsync(CancellationToken cancellationToken = default);
}
