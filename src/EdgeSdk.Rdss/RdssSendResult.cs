namespace EdgeSdk.Rdss;

/// <summary>The outcome of one send.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Attempts">Transmissions made (0 when refused before queueing).</param>
/// <param name="ReasonCode">The terminal's last FKI reason code (see <see cref="EdgeSdk.Nmea.RdssFkiSentence.ReasonCode"/>), -1 when none.</param>
/// <param name="Detail">One line for people: what happened and what to do.</param>
public sealed record RdssSendResult(RdssSendStatus Status, int Attempts, int ReasonCode, string Detail)
{
    /// <summary>True when the terminal sent it.</summary>
    public bool IsSent => Status == RdssSendStatus.Sent;
}
