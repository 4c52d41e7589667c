using System.Diagnostics;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// A real pseudo-terminal pair made by socat: the code under test opens <see cref="DevicePath"/>
/// as a serial port, the test writes what a receiver would send into <see cref="PeerPath"/>.
/// Restart() kills and recreates the pair at the same paths, like unplugging and replugging a USB adapter.
/// </summary>
public sealed class SocatPty : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgesdk-pty-").FullName;
    private Process? _socat;

    public string DevicePath => Path.Combine(_dir, "ttyGNSS");

    public string PeerPath => Path.Combine(_dir, "ttyPeer");

    public static async Task<SocatPty> StartAsync()
    {
        var pty = new SocatPty();
        await pty.StartSocatAsync();
        return pty;
    }

    public async Task StopAsync()
    {
        if (_socat is { HasExited: false })
        {
            _socat.Kill();
            await _socat.WaitForExitAsync();
        }

        _socat?.Dispose();
        _socat = null;
        File.Delete(DevicePath); // a killed socat leaves its links behind
        File.Delete(PeerPath);
        await WaitForAsync(() => !File.Exists(DevicePath), "socat links to disappear");
    }

    public Task RestartAsync() => StartSocatAsync();

    /// <summary>Opens the peer end for writing (what the "receiver" sends).</summary>
    public FileStream OpenPeer() => new(PeerPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, useAsync: false);

    /// <summary>
    /// Starts writing <paramref name="data"/> into the peer end on a task of its own. A pty write blocks, whatever
    /// token it is given, while nobody drains the device end — and a receiver stops reading when its consumer does
    /// (one fix too many under load ends a Take early). So a test awaits its reader first and the write after it,
    /// and a stuck write ends when the pair is disposed (socat killed: the write fails) instead of hanging the run.
    /// </summary>
    public Task WritePeerAsync(byte[] data) => Task.Factory.StartNew(
        () =>
        {
            using FileStream peer = OpenPeer();
            peer.Write(data);
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes from the peer end (what the code under test sent the "receiver").
    /// The read runs on its own task for the same reason as <see cref="WritePeerAsync"/>: a pty read ignores tokens,
    /// so the wait obeys <paramref name="cancellationToken"/> and a read that never completes ends with the pair.
    /// </summary>
    /// <remarks>The peer is open when this returns, so nothing sent after it can be missed.</remarks>
    public Task<byte[]> ReadPeerAsync(int count, CancellationToken cancellationToken)
    {
        FileStream peer = OpenPeer();
        return Task.Factory.StartNew(
            () =>
            {
                using (peer)
                {
                    byte[] buffer = new byte[count];
                    peer.ReadExactly(buffer);
                    return buffer;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task StartSocatAsync()
    {
        var start = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={DevicePath}", $"pty,raw,echo=0,link={PeerPath}" })
        {
            start.ArgumentList.Add(arg);
        }

        _socat = Process.Start(start)!;
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        _socat.BeginOutputReadLine();
        await WaitForAsync(() => File.Exists(DevicePath) && File.Exists(PeerPath), "socat to create the pty pair");
    }

    internal static async Task WaitForAsync(Func<bool> condition, string what, int timeoutMs = 10000)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }
}
