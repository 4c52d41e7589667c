using System.Diagnostics;

namespace EdgeSdk.Fleet;

/// <summary>Sends SIGTERM the way a service manager stops a program (System.Diagnostics.Process only has SIGKILL).</summary>
internal static class SignalProcess
{
    /// <summary>SIGTERM, then waits for the exit; SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public static async Task TerminateAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (Process signal = Process.Start(kill)!)
        {
            await signal.WaitForExitAsync().ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
