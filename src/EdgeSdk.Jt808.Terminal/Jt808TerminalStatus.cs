namespace EdgeSdk.Jt808.Terminal;

/// <summary>A snapshot of a terminal's counters (every report is in exactly one of queued, acknowledged, rejected, dropped or lost).</summary>
public sealed record Jt808TerminalStatus
{
    /// <summary>Connection state.</summary>
    public required Jt808TerminalState State { get; init; }

    /// <summary>Location reports made (each stored in the durable queue first).</summary>
    public required long ReportsMade { get; init; }

    /// <summary>Reports the durable queue refused (disk full, I/O error); see <see cref="LastError"/>.</summary>
    public required long StoreFailures { get; init; }

    /// <summary>Reports waiting in the durable queue.</summary>
    public required int Queued { get; init; }

    /// <summary>Reports the platform acknowledged with result 0 (as 0x0200 or inside a 0x0704).</summary>
    public required long Acknowledged { get; init; }

    /// <summary>Reports the platform answered with a failure result; removed from the queue (resending cannot change the answer).</summary>
    public required long Rejected { get; init; }

    /// <summary>Reports dropped because the queue was full (oldest first), over the queue's life.</summary>
    public required long Dropped { get; init; }

    /// <summary>Reports lost to queue damage found at open, or unreadable from the queue.</summary>
    public required long Lost { get; init; }

    /// <summary>0x0200 messages sent (first attempts).</summary>
    public required long LocationReportsSent { get; init; }

    /// <summary>0x0704 batches sent (first attempts).</summary>
    public required long BatchesSent { get; init; }

    /// <summary>Reports carried by the acknowledged 0x0704 batches.</summary>
    public required long BatchedReportsAcknowledged { get; init; }

    /// <summary>Messages sent again because no response came within the timeout (the retransmission rule).</summary>
    public required long Retransmissions { get; init; }

    /// <summary>0x0002 heartbeats sent.</summary>
    public required long HeartbeatsSent { get; init; }

    /// <summary>TCP connections established.</summary>
    public required long Connections { get; init; }

    /// <summary>Sessions that ended (connection refused or closed, a response never came, authentication refused).</summary>
    public required long SessionFailures { get; init; }

    /// <summary>Registrations the platform refused (0x8100 result other than 0).</summary>
    public required long RegistrationsRefused { get; init; }

    /// <summary>Authentications the platform refused (the stored code is then discarded and the terminal registers again).</summary>
    public required long AuthenticationsRefused { get; init; }

    /// <summary>Commands from the platform handled (0x8103, 0x8104, 0x8106, 0x8201, 0x8202, 0x8300, 0x8600–0x8605).</summary>
    public required long CommandsHandled { get; init; }

    /// <summary>Messages from the platform answered "not supported" (unknown message id).</summary>
    public required long CommandsUnsupported { get; init; }

    /// <summary>Messages from the platform answered "message error" (body malformed, area unusable).</summary>
    public required long CommandsMalformed { get; init; }

    /// <summary>Frames from the platform that did not decode at all (bad check code, escaping, length); counted, not answered.</summary>
    public required long FramesRefused { get; init; }

    /// <summary>The last connection or storage problem, one line, or null.</summary>
    public string? LastError { get; init; }
}
