namespace EdgeSdk.Rdss;

/// <summary>Settings of an <see cref="RdssFallbackReporter"/>.</summary>
public sealed class RdssFallbackOptions
{
    /// <summary>How long the MQTT link must have been down before reports go by satellite. Default 5 min.</summary>
    public TimeSpan OutageThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Least time between two fixes picked for a report (fix time): 0 takes every fix, newest first;
    /// 1 min takes one per minute. Default 0.
    /// </summary>
    public TimeSpan MinimumFixSpacing { get; set; } = TimeSpan.Zero;

    /// <summary>Longest report in bytes (also capped by the card's limit). Default 70: one BDS-3 global message.</summary>
    public int MaxReportBytes { get; set; } = 70;

    /// <summary>Fixes kept for the next report, newest first; when full the oldest is dropped and counted. Default 1,024.</summary>
    public int BufferCapacity { get; set; } = 1024;

    /// <summary>How often the reporter checks the link and the buffer. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
