namespace EdgeSdk.Cockpit.Tests;

/// <summary>Waits for a condition with a generous timeout (the machine is shared and busy), never for a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> ReadUntilAsync<T>(IAsyncEnumerable<T> items, Func<T, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await foreach (T item in items.WithCancellation(timeout.Token))
            {
                if (condition(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s");
    }

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {Patience.TotalSeconds} s");
            }

            await Task.Delay(20);
        }
    }
}
