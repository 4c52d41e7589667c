namespace EdgeSdk.Devices;

/// <summary>What a display is doing, for the program's own status output.</summary>
public enum DisplayState
{
    /// <summary>Nothing shown yet.</summary>
    NotStarted,

    /// <summary>The last frame reached the display.</summary>
    Showing,

    /// <summary>The display did not answer (absent, unpowered, wrong address, or the bus is missing); retried on the next update.</summary>
    NotConnected,
}
