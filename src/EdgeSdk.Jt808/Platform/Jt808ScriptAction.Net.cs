namespace EdgeSdk.Jt808;

/// <summary>What one line of a <see cref="Jt808PlatformScript"/> does. .NET only.</summary>
public enum Jt808ScriptAction
{
    /// <summary>Send <see cref="Jt808ScriptCommand.MessageId"/> with its body and wait for the terminal's answer.</summary>
    Send = 0,

    /// <summary>Only wait <see cref="Jt808ScriptCommand.Delay"/>.</summary>
    Wait = 1,

    /// <summary>Close the terminal's connection (an outage seen from the terminal).</summary>
    Disconnect = 2,
}
