namespace EdgeSdk.Jt808.Terminal;

/// <summary>Where a <see cref="Jt808Terminal"/> is in its connection life cycle.</summary>
public enum Jt808TerminalState
{
    /// <summary>Not running (before <see cref="Jt808Terminal.RunAsync"/> or after it returned).</summary>
    Stopped,

    /// <summary>Opening the TCP connection.</summary>
    Connecting,

    /// <summary>Connected, sending 0x0100 registration (no authentication code stored yet).</summary>
    Registering,

    /// <summary>Connected, sending 0x0102 authentication with the stored code.</summary>
    Authenticating,

    /// <summary>Authenticated: reports, heartbeats and platform commands flow.</summary>
    Online,

    /// <summary>The connection failed or ended; waiting the back-off delay before the next attempt.</summary>
    WaitingToReconnect,
}
