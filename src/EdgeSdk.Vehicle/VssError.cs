namespace EdgeSdk.Vehicle;

/// <summary>Why a databroker operation was refused (nothing was stored or forwarded when it is not <see cref="None"/>).</summary>
public enum VssError
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>No signal has this path or ID (gRPC NOT_FOUND).</summary>
    UnknownSignal,

    /// <summary>The value's type is not the signal's datatype (gRPC INVALID_ARGUMENT).</summary>
    WrongType,

    /// <summary>The value is outside the signal's min/max or its datatype's range (gRPC INVALID_ARGUMENT).</summary>
    OutOfRange,

    /// <summary>The value is not one of the signal's allowed values (gRPC INVALID_ARGUMENT).</summary>
    NotAllowed,

    /// <summary>A target was given for a sensor or an attribute (gRPC INVALID_ARGUMENT).</summary>
    NotActuator,

    /// <summary>The request itself is malformed: empty, a bad pattern, a buffer size too large (gRPC INVALID_ARGUMENT).</summary>
    InvalidRequest,

    /// <summary>No provider currently provides the actuator (gRPC UNAVAILABLE).</summary>
    NoProvider,

    /// <summary>Another provider already provides the signal (gRPC ALREADY_EXISTS).</summary>
    AlreadyProvided,

    /// <summary>A provider published a signal it has not claimed (gRPC ABORTED).</summary>
    NotProvided,

    /// <summary>The provider's target queue is full, so the actuation could not be handed over (gRPC DATA_LOSS).</summary>
    ProviderOverloaded,
}
