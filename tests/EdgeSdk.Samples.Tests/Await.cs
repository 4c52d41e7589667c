namespace EdgeSdk.Samples.Tests;

/// <summary>Awaiting a condition with a timeout, instead of sleeping and hoping.</summary>
public static class Await
{
    public static async Task UntilAsync(Func<bool> condition, Func<string> describe, int timeoutSeconds = 90)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"not reached within {timeoutSeconds} s: {describe()}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "edgesdk-samples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
