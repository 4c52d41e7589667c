namespace EdgeSdk.Jt808.Terminal;

/// <summary>A 0x8300 text message the platform sent to the terminal.</summary>
public sealed class Jt808TextMessageEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="flags">The message's flag byte (bit 0 emergency, bit 2 terminal display, bit 3 TTS read-out, ...).</param>
    /// <param name="text">The text decoded from GBK.</param>
    public Jt808TextMessageEventArgs(int flags, string text)
    {
        Flags = flags;
        Text = text;
    }

    /// <summary>The message's flag byte (bit 0 emergency, bit 2 terminal display, bit 3 TTS read-out, ...).</summary>
    public int Flags { get; }

    /// <summary>The text, decoded from GBK (code page 936).</summary>
    public string Text { get; }
}
