namespace EdgeSdk.Gnss;

/// <summary>A status line from a source or receiver, e.g. <c>device /dev/ttyUSB0 disappeared; waiting for it</c>.</summary>
public sealed class GnssStatusEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public GnssStatusEventArgs(string status) => Status = status;

    /// <summary>The status line, meant for people.</summary>
    public string Status { get; }
}
