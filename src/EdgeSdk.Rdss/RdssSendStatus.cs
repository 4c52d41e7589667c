namespace EdgeSdk.Rdss;

/// <summary>How a send ended. Every value but <see cref="Sent"/> has its own counter in <see cref="RdssTerminalCounters"/>.</summary>
public enum RdssSendStatus
{
    /// <summary>The terminal answered <c>$BDFKI</c> "executed": the message left for the satellite.</summary>
    Sent = 0,
    /// <summary>The terminal refused it (FKI "not executed") on every attempt; <see cref="RdssSendResult.ReasonCode"/> says why.</summary>
    Refused,
    /// <summary>The terminal never answered with <c>$BDFKI</c> within the feedback timeout, on every attempt.</summary>
    NoFeedback,
    /// <summary>Longer than the card's communication level allows (<see cref="RdssCardInfo.MaxMessageBits"/>); not queued.</summary>
    TooLong,
    /// <summary>The destination is not a user ID (1–9,999,999); not queued.</summary>
    InvalidDestination,
    /// <summary>The send queue was full (<see cref="RdssTerminalOptions.QueueCapacity"/>); not queued.</summary>
    QueueFull,
    /// <summary>The encoding has no wire number in the terminal's protocol (compressed encodings need BDS-3); not queued.</summary>
    UnsupportedEncoding,
    /// <summary>The terminal was disposed before the message was sent.</summary>
    Closed,
}
