namespace EdgeSdk.Positioning;

/// <summary>The ignition/ACC input of a vehicle terminal.</summary>
public enum IgnitionState
{
    /// <summary>No ignition input: trips are found from speed alone.</summary>
    Unknown,

    /// <summary>ACC off: the vehicle is parked, whatever the GNSS speed says.</summary>
    Off,

    /// <summary>ACC on.</summary>
    On,
}
