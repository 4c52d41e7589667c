namespace EdgeSdk.Simulation.Vehicle;

/// <summary>One line of a vehicle → CAN mapping: which VSS quantity goes into which DBC signal, how often.</summary>
public sealed class VehicleCanMappingEntry
{
    /// <summary>The VSS path of the quantity (see <see cref="SimulatedVehicleSignals.Paths"/>).</summary>
    public string Vss { get; init; } = "";

    /// <summary>DBC message name.</summary>
    public string Message { get; init; } = "";

    /// <summary>DBC signal name within the message.</summary>
    public string Signal { get; init; } = "";

    /// <summary>How often the message is sent, in milliseconds (a message goes at the shortest interval of its entries).</summary>
    public int IntervalMs { get; init; } = 100;

    /// <summary>
    /// Optional transform before encoding: <c>abs</c> (magnitude, for DBCs that split a sign off) or
    /// <c>negative</c> (1 when the value is below zero, else 0: the sign bit); empty for the value itself.
    /// </summary>
    public string Transform { get; init; } = "";

    /// <summary>Optional multiplier applied before the transform (unit conversion), default 1.</summary>
    public double Scale { get; init; } = 1;
}
