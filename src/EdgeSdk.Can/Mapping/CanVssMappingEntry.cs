namespace EdgeSdk.Can;

/// <summary>
/// One line of a CAN ↔ VSS mapping (modelled on KUKSA dbc2val's mapping): which DBC signal carries which VSS
/// quantity, how to convert, and how often. The same entry drives encoding (a simulated car puts the quantity on
/// the bus) and decoding (a feeder publishes the decoded signal to a databroker).
/// </summary>
public sealed class CanVssMappingEntry
{
    /// <summary>The VSS path of the quantity, e.g. <c>Vehicle.Speed</c>.</summary>
    public string Vss { get; init; } = "";

    /// <summary>DBC message name.</summary>
    public string Message { get; init; } = "";

    /// <summary>DBC signal name within the message.</summary>
    public string Signal { get; init; } = "";

    /// <summary>
    /// Encoding: how often the message is sent, in milliseconds (a message goes at the shortest interval of its
    /// entries). Decoding: an unchanged value is published again at most this often (a changed one at once),
    /// unless <see cref="OnChange"/>.
    /// </summary>
    public int IntervalMs { get; init; } = 100;

    /// <summary>Decoding: publish only when the value changes (no periodic repeat of an unchanged value).</summary>
    public bool OnChange { get; init; }

    /// <summary>
    /// Optional transform before encoding: <c>abs</c> (magnitude, for DBCs that split a sign off) or
    /// <c>negative</c> (1 when the value is below zero, else 0: the sign bit; encode only); empty for the value itself.
    /// </summary>
    public string Transform { get; init; } = "";

    /// <summary>Linear math: CAN physical value = VSS value × <see cref="Scale"/> (unit conversion), default 1; decoding divides.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>
    /// Decoding: maps the DBC value (its value description when the DBC has one, such as <c>"P"</c>, else the number
    /// as invariant text, such as <c>"1"</c>) to the VSS value text (<c>"true"</c>, <c>"PARK"</c>). A DBC value not
    /// in the map is counted and not published. Null: the number itself, converted to the VSS datatype.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ValueMap { get; init; }
}
