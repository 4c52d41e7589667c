using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Rdss;

/// <summary>
/// The satellite and ground station between simulated RDSS terminals: a message one card sends arrives at the
/// destination card's terminal after <see cref="SimulatedRdssNetworkOptions.DeliveryDelay"/>, unless the loss
/// draw drops it. Terminals join with <see cref="OpenTerminal"/> (a pseudo-terminal, so the serial path is
/// real) or <see cref="Attach"/> (any duplex stream).
/// </summary>
/// <example>
/// <code>
/// var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromSeconds(2) });
/// await using var truck = network.OpenTerminal(new SimulatedRdssCard { UserId = 179773, ServiceInterval = TimeSpan.FromSeconds(60) });
/// await using var centre = network.OpenTerminal(new SimulatedRdssCard { UserId = 4207733, SubordinateCount = 22 });
/// // open truck.DevicePath and centre.DevicePath like /dev/ttyUSB0
/// </code>
/// </example>
public sealed class SimulatedRdssNetwork
{
    private readonly Dictionary<int, SimulatedRdssTerminal> _terminals = [];
    private readonly Lock _gate = new();
    private readonly Random _random;
    private long _delivered, _lost, _unknownDestination;

    /// <summary>Creates a network.</summary>
    public SimulatedRdssNetwork(SimulatedRdssNetworkOptions? options = null)
    {
        Options = options ?? new SimulatedRdssNetworkOptions();
        _random = new Random(Options.Seed);
    }

    /// <summary>The link's settings.</summary>
    public SimulatedRdssNetworkOptions Options { get; }

    /// <summary>Messages handed to their destination terminal.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Messages dropped by the loss draw.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Messages to a user ID no terminal on this network has (accepted by the sender's terminal, as a real one would).</summary>
    public long UnknownDestination => Interlocked.Read(ref _unknownDestination);

    /// <summary>Opens a terminal for <paramref name="card"/> on a new pseudo-terminal (linked at <paramref name="linkPath"/> when given). Linux only.</summary>
    public SimulatedRdssTerminal OpenTerminal(SimulatedRdssCard card, string? linkPath = null)
    {
        PseudoTerminal pty = PseudoTerminal.Open(linkPath);
        try
        {
            return AttachCore(card, pty.Stream, pty);
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    /// <summary>Runs a terminal for <paramref name="card"/> over <paramref name="stream"/> (the host's side reads and writes the other end).</summary>
    public SimulatedRdssTerminal Attach(SimulatedRdssCard card, Stream stream) => AttachCore(card, stream, null);

    internal void Leave(SimulatedRdssTerminal terminal)
    {
        lock (_gate)
        {
            if (_terminals.TryGetValue(terminal.Card.UserId, out SimulatedRdssTerminal? t) && t == terminal)
            {
                _terminals.Remove(terminal.Card.UserId);
            }
        }
    }

    internal void Send(int from, int to, RdssPayloadEncoding encoding, byte[] payload, bool mixedMarker)
    {
        SimulatedRdssTerminal? target;
        bool lost;
        lock (_gate)
        {
            _terminals.TryGetValue(to, out target);
            lost = Options.LossProbability > 0 && _random.NextDouble() < Options.LossProbability;
        }

        if (target == null)
        {
            Interlocked.Increment(ref _unknownDestination);
            return;
        }

        if (lost)
        {
            Interlocked.Increment(ref _lost);
            return;
        }

        _ = DeliverLaterAsync(target, from, encoding, payload, mixedMarker);
    }

    private async Task DeliverLaterAsync(SimulatedRdssTerminal target, int from, RdssPayloadEncoding encoding, byte[] payload, bool mixedMarker)
    {
        try
        {
            await Task.Delay(Options.DeliveryDelay, Options.TimeProvider, target.Stopping).ConfigureAwait(false);
            if (await target.ReceiveAsync(from, encoding, payload, mixedMarker).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _delivered);
            }
        }
        catch (OperationCanceledException)
        {
            // The destination terminal was closed while the message was in flight: as lost as on a real link.
            Interlocked.Increment(ref _lost);
        }
    }

    private SimulatedRdssTerminal AttachCore(SimulatedRdssCard card, Stream stream, PseudoTerminal? pty)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(stream);
        if (card.UserId < 1 || card.UserId > 9_999_999)
        {
            throw new ArgumentException($"user ID {card.UserId} is not 1 to 9999999", nameof(card));
        }

        lock (_gate)
        {
            if (_terminals.ContainsKey(card.UserId))
            {
                throw new InvalidOperationException($"a terminal with user ID {card.UserId} is already on this network");
            }

            var terminal = new SimulatedRdssTerminal(this, card, stream, pty);
            _terminals.Add(card.UserId, terminal);
            return terminal;
        }
    }
}
