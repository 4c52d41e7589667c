namespace EdgeSdk.Can.Tests;

/// <summary>Runs only where the kernel has a vcan0 interface; elsewhere xunit reports it skipped with the reason.</summary>
public sealed class VcanFactAttribute : FactAttribute
{
    public VcanFactAttribute()
    {
        if (!SocketCanSource.IsAvailable("vcan0", out string reason))
        {
            Skip = $"SocketCAN not available here: {reason}";
        }
    }
}

public class SocketCanTests
{
    [Fact]
    public void A_missing_interface_is_reported_with_the_fix()
    {
        Assert.False(SocketCanSource.IsAvailable("nosuchcan7", out string reason));
        Assert.Contains("nosuchcan7", reason);
    }

    [Fact]
    public async Task Reading_a_missing_interface_fails_with_the_reason()
    {
        var source = new SocketCanSource("nosuchcan7");
        var e = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (CanFrame f in source.ReadFramesAsync())
            {
            }
        });
        Assert.Contains("nosuchcan7", e.Message);
    }

    [VcanFact]
    public async Task Frames_written_to_vcan0_are_read_back()
    {
        var source = new SocketCanSource("vcan0");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using IAsyncEnumerator<CanFrame> frames = source.ReadFramesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Task<bool> next = frames.MoveNextAsync().AsTask();
        using var writer = new Iot.Device.SocketCan.CanRaw("vcan0");
        // The reader thread may not be listening yet when the first frame goes out: keep sending until one arrives.
        while (!next.IsCompleted)
        {
            writer.WriteFrame(new byte[] { 0xDE, 0xAD }, new Iot.Device.SocketCan.CanId { Standard = 0x123 });
            await Task.WhenAny(next, Task.Delay(100, cts.Token));
        }

        Assert.True(await next);
        Assert.Equal(0x123u, frames.Current.Id);
        Assert.Equal(new byte[] { 0xDE, 0xAD }, frames.Current.Data);
    }
}
