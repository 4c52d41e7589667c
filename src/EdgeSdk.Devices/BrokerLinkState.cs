namespace EdgeSdk.Devices;

/// <summary>The state of the tracker's link to its platform (MQTT broker or JT/T 808 server), as the display shows it.</summary>
public enum BrokerLinkState
{
    /// <summary>Not known yet (the uplink has not reported).</summary>
    Unknown,

    /// <summary>Connecting or reconnecting.</summary>
    Connecting,

    /// <summary>Connected: fixes are being delivered.</summary>
    Connected,

    /// <summary>Disconnected: fixes wait in the durable queue.</summary>
    Disconnected,

    /// <summary>No uplink configured (a standalone board).</summary>
    None,
}
