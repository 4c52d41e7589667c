using EdgeSdk.Nmea;

namespace EdgeSdk.Rdss;

/// <summary>Settings of an <see cref="RdssTerminal"/>.</summary>
public sealed class RdssTerminalOptions
{
    /// <summary>Which sentences to send with: 2.1 <c>$CCTXA</c> (default) or BDS-3 <c>$CCTCQ</c>. Card information uses <c>$CCICA</c> in both.</summary>
    public RdssProtocol Protocol { get; set; } = RdssProtocol.V21;

    /// <summary>
    /// Accept raw 8-bit bytes inside sentences (<see cref="NmeaReader.AcceptEightBitBytes"/>): needed to receive
    /// protocol 2.1 Chinese-mode messages, whose payload is raw GB2312 bytes. Default false: such a message is
    /// refused as malformed (counted in <see cref="RdssTerminal.SentenceStatistics"/>); senders usually use mixed (hex).
    /// </summary>
    public bool AcceptEightBitPayloads { get; set; }

    /// <summary>How long to wait for the terminal's <c>$BDFKI</c> (or <c>$BDICI</c>) after a command. Default 5 s.</summary>
    public TimeSpan FeedbackTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Transmissions after the first when the terminal does not answer or refuses for a reason other than the interval. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// Sends pending (the one in progress included), at most. A send beyond it returns <see cref="RdssSendStatus.QueueFull"/>
    /// at once (counted) rather than waiting: the caller decides what to drop. Default 64.
    /// </summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Received messages kept until read, at most; when full the oldest is dropped and counted. Default 256.</summary>
    public int ReceiveCapacity { get; set; } = 256;

    /// <summary>Added to the card's service interval before each send, for the terminal's clock being a little ahead. Default 100 ms.</summary>
    public TimeSpan IntervalMargin { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest message per level (data, not constants).</summary>
    public RdssLengthLimits LengthLimits { get; set; } = RdssLengthLimits.CreateDefault();

    /// <summary>The clock (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
