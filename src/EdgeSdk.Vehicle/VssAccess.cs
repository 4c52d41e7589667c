namespace EdgeSdk.Vehicle;

/// <summary>What a client may do with a signal, as KUKSA's token scopes name it (<c>read:</c>, <c>actuate:</c>, <c>provide:</c>).</summary>
public enum VssAccess
{
    /// <summary>Get, subscribe, list (also granted by actuate and provide).</summary>
    Read = 0,

    /// <summary>Set an actuator's target (Actuate, BatchActuate).</summary>
    Actuate = 1,

    /// <summary>Publish current values and provide signals or actuators (PublishValue, OpenProviderStream).</summary>
    Provide = 2,
}
