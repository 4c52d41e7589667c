using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Rdss;

/// <summary>The card in a simulated RDSS terminal: what it reports in <c>$BDICI</c> and the limits it enforces.</summary>
public sealed class SimulatedRdssCard
{
    /// <summary>The card's user ID (its address), 1–9,999,999.</summary>
    public int UserId { get; init; }

    /// <summary>Least time between two sends; a send earlier is refused with <c>$BDFKI</c> (frequency N). Default 60 s.</summary>
    public TimeSpan ServiceInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Communication level reported in <c>$BDICI</c>. Default 3.</summary>
    public int CommunicationLevel { get; init; } = 3;

    /// <summary>Longest message in bits; a longer one is refused with <c>$BDFKI</c> reason 6 (no permission). Default 560 (BDS-3 global).</summary>
    public int MaxMessageBits { get; init; } = 560;

    /// <summary>Subordinate users reported (a command-centre card has some). Default 0.</summary>
    public int SubordinateCount { get; init; }

    /// <summary>Which sentences the terminal writes for received messages: 2.1 <c>$BDTXR</c> or BDS-3 <c>$BDTCI</c>.</summary>
    public RdssProtocol Protocol { get; init; } = RdssProtocol.V21;

    /// <summary>False makes a broken terminal that never answers <c>$BDFKI</c> (and still sends nothing).</summary>
    public bool AnswersFeedback { get; init; } = true;
}
