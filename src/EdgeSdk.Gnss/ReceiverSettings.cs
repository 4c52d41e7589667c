namespace EdgeSdk.Gnss;

/// <summary>
/// Receiver settings to apply with a <see cref="ReceiverCommandSet"/>; null members are left as they are.
/// </summary>
public sealed class ReceiverSettings
{
    /// <summary>Navigation update rate in Hz (e.g. 1, 5, 10).</summary>
    public int? UpdateRateHz { get; init; }

    /// <summary>Constellations to track.</summary>
    public GnssConstellations? Constellations { get; init; }

    /// <summary>New serial baud rate; the receiver switches after the command, then so does the port.</summary>
    public int? BaudRate { get; init; }

    /// <summary>Store the settings in the module's flash so they survive a power cycle.</summary>
    public bool SaveToFlash { get; init; }
}
