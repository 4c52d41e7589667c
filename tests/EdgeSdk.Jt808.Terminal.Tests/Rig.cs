using System.Net;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Faults;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>
/// E1's platform simulator on a free loopback port (optionally behind an <see cref="TcpOutageRelay"/>), a terminal in a
/// temporary state directory, and everything the platform received, collected in order.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    public const string Phone = "013800000000";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly List<Jt808ReceivedMessage> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _collector;
    private Jt808Terminal? _terminal;

    public Rig(Jt808PlatformOptions? platformOptions = null, bool proxy = false, string? stateDirectory = null)
    {
        Platform = new Jt808Platform(platformOptions);
        Platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        Proxy = proxy ? new TcpOutageRelay(Platform.LocalEndPoint) : null;
        StateDirectory = stateDirectory ?? Path.Combine(Path.GetTempPath(), $"edgesdk-jt808t-{Guid.NewGuid():N}");
        _collector = CollectAsync();
    }

    public Jt808Platform Platform { get; }

    public TcpOutageRelay? Proxy { get; }

    public string StateDirectory { get; }

    public Jt808Terminal Terminal => _terminal ?? throw new InvalidOperationException("no terminal started");

    public Jt808TerminalOptions Options(TimeSpan? responseTimeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = Proxy?.Port ?? Platform.LocalEndPoint.Port,
        Phone = Phone,
        StateDirectory = StateDirectory,
        ResponseTimeout = responseTimeout ?? TimeSpan.FromSeconds(5),
        ReconnectDelayInitial = TimeSpan.FromMilliseconds(50),
        ReconnectDelayMaximum = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Starts a terminal (running) and waits until the platform sees it authenticated.</summary>
    public async Task<Jt808Terminal> StartTerminalAsync(Jt808TerminalOptions? options = null, bool waitOnline = true)
    {
        if (_terminal != null)
        {
            await _terminal.DisposeAsync();
        }

        _terminal = new Jt808Terminal(options ?? Options());
        _ = _terminal.RunAsync();
        if (waitOnline)
        {
            await WaitForAsync(() => _terminal.State == Jt808TerminalState.Online && Platform.Find(Phone) is { IsAuthenticated: true, IsClosed: false }, "terminal online");
        }

        return _terminal;
    }

    public async Task StopTerminalAsync()
    {
        if (_terminal != null)
        {
            await _terminal.DisposeAsync();
            _terminal = null;
        }
    }

    /// <summary>A snapshot of what the platform received so far, decoded messages only.</summary>
    public List<Jt808Message> Received(int? messageId = null)
    {
        lock (_received)
        {
            return _received.Where(r => r.Message != null && (messageId == null || r.MessageId == messageId)).Select(r => r.Message!).ToList();
        }
    }

    /// <summary>A snapshot of everything the platform received (with the connection it came on).</summary>
    public List<Jt808ReceivedMessage> ReceivedRaw()
    {
        lock (_received)
        {
            return _received.ToList();
        }
    }

    /// <summary>Every location the platform received, in order: 0x0200 reports and the reports inside 0x0704 batches.</summary>
    public List<(Jt808LocationReport Report, int MessageId)> Locations()
    {
        var list = new List<(Jt808LocationReport, int)>();
        foreach (Jt808Message m in Received())
        {
            if (m.Body is Jt808LocationReport r)
            {
                list.Add((r, Jt808MessageIds.LocationReport));
            }
            else if (m.Body is Jt808LocationBatch b)
            {
                list.AddRange(b.Reports.Select(x => (x, Jt808MessageIds.LocationBatch)));
            }
        }

        return list;
    }

    /// <summary>Feeds samples and, for each, waits until the terminal's queue is empty (the platform acknowledged it).</summary>
    public async Task FeedAsync(IEnumerable<PositionSample> samples, bool waitForEach)
    {
        foreach (PositionSample s in samples)
        {
            Terminal.Report(s);
            if (waitForEach)
            {
                await DrainAsync();
            }
        }
    }

    /// <summary>
    /// Waits until the platform's received stream holds every report the terminal had acknowledged (or
    /// <paramref name="atLeast"/>): the platform publishes a message to its stream after answering it, so the stream can
    /// be a moment behind the terminal's acknowledgement.
    /// </summary>
    public Task WaitForLocationsAsync(int? atLeast = null) =>
        WaitForAsync(() => Locations().Count >= (atLeast ?? Terminal.Status.Acknowledged), "the platform's stream has every acknowledged report");

    public async Task DrainAsync() => Assert.True(await Terminal.WaitUntilDrainedAsync(Timeout), $"queue not drained: {Terminal.Status}");

    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
        }
    }

    private async Task CollectAsync()
    {
        try
        {
            await foreach (Jt808ReceivedMessage m in Platform.ReadAllAsync(_stop.Token))
            {
                lock (_received)
                {
                    _received.Add(m);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopTerminalAsync();
        if (Proxy != null)
        {
            await Proxy.DisposeAsync();
        }

        await _stop.CancelAsync();
        await _collector;
        await Platform.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
