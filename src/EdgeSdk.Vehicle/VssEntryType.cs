namespace EdgeSdk.Vehicle;

/// <summary>What kind of leaf a VSS signal is. The numbers are kuksa.val.v2's <c>EntryType</c> numbers.</summary>
public enum VssEntryType
{
    /// <summary>Not set (never a valid leaf type).</summary>
    Unspecified = 0,

    /// <summary>A value that rarely changes (VIN, brand); published, never actuated.</summary>
    Attribute = 1,

    /// <summary>A measured value; published by its provider, never actuated.</summary>
    Sensor = 2,

    /// <summary>A value with a target: clients actuate it, its provider applies the target and publishes the current value.</summary>
    Actuator = 3,
}
