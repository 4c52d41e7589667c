namespace EdgeSdk.Gnss;

/// <summary>
/// What a <see cref="GnssSource"/> or <see cref="GnssReceiver"/> status says, for programs; the status text
/// (<see cref="GnssStatusEventArgs.Text"/>) says it for people, naming the device and the likely fix.
/// </summary>
public enum GnssStatusKind
{
    /// <summary>Not opened yet.</summary>
    NotOpened = 0,
    /// <summary>The source is open (port opened, connected, listening, reading a file); no verdict on its data yet.</summary>
    Opened = 1,
    /// <summary>Navigation sentences (time, position, sky) arrive again after a quiet spell.</summary>
    Receiving = 2,
    /// <summary>
    /// Nothing valid arrives: no sentence passed its checksum within the no-data timeout, auto-baud found no
    /// rate, or a finite source ended without one. Usually the wrong baud rate, wiring or format.
    /// </summary>
    NoValidData = 3,
    /// <summary>Valid sentences arrive, but none with time or position (only text or proprietary sentences).</summary>
    NoNavigationData = 4,
    /// <summary>The device or the connection went away; a live source waits for it and reopens on its own.</summary>
    ConnectionLost = 5,
    /// <summary>A device that went away is back and reopened.</summary>
    Reconnected = 6,
    /// <summary>An epoch failed to fuse and was skipped; later failures are only counted (<see cref="GnssReceiverCounters.FusionFaults"/>).</summary>
    FusionFault = 7,
    /// <summary>A finite source (file, stdin) ended after valid sentences; the text holds the counters.</summary>
    Ended = 8,
}
