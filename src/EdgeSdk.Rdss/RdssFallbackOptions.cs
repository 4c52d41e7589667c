namespace EdgeSdk.Rdss;

/// <summary>Settings of an <see cref="RdssFallbackReporter"/>.</summary>
public sealed class RdssFallbackOptions
{
    /// <summary>How long the MQTT link must have been down before reports go by satellite. Default 5 min.</summary>
    public TimeSpan OutageThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The policy. Zero (default): newest first — each report takes the newest queued fixes not yet sent by
    /// satellite. Above zero: one per that time — a fix is taken only when no fix sent (or picked) is within this
    /// time of it (fix time), newest first, so 5 min gives the command centre one position per five minutes of driving.
    /// </summary>
    public TimeSpan MinimumFixSpacing { get; set; } = TimeSpan.Zero;

    /// <summary>Longest report in bytes (also capped by the card's limit). Default 70: one BDS-3 global message (560 bits).</summary>
    public int MaxReportBytes { get; set; } = 70;

    /// <summary>Most queued fixes looked at per report, newest first (bounds the work on a long backlog). Default 4,096.</summary>
    public int MaxFixesScanned { get; set; } = 4096;

    /// <summary>During an outage, how soon the reporter looks again when it had nothing to send (queue empty, or the send failed). Default 1 s. The link itself is not polled: the publisher's Connected and BrokerDown events say when it changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock (outage threshold, service interval waits, looking again).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
