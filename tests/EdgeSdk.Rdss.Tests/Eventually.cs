namespace EdgeSdk.Rdss.Tests;

/// <summary>Waits for a condition with a generous timeout (the machine is shared and busy): never a fixed sleep.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public static async Task<T> Next<T>(System.Threading.Channels.ChannelReader<T> reader, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await reader.ReadAsync(cts.Token);
    }
}
