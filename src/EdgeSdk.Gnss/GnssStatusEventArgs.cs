namespace EdgeSdk.Gnss;

/// <summary>A status change of a source or receiver, e.g. <see cref="GnssStatusKind.ConnectionLost"/> with <c>device /dev/ttyUSB0 disappeared; waiting for it</c>.</summary>
public sealed class GnssStatusEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    /// <param name="kind">What the status says, for programs.</param>
    /// <param name="text">The status line, for people.</param>
    public GnssStatusEventArgs(GnssStatusKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>What the status says, for programs.</summary>
    public GnssStatusKind Kind { get; }

    /// <summary>The status line, meant for people: it names the device and, for a problem, the likely fix.</summary>
    public string Text { get; }

    /// <summary>The status line (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
}
