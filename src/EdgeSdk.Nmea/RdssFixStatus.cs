namespace EdgeSdk.Nmea;

/// <summary>The four status bits a compact position report carries per fix (combine with <c>|</c>).</summary>
public enum RdssFixStatus
{
    /// <summary>No flag set: the fix is not valid.</summary>
    None = 0,
    /// <summary>The receiver had a valid fix.</summary>
    FixValid = 1,
    /// <summary>The fix is three-dimensional.</summary>
    ThreeDimensional = 2,
    /// <summary>An alarm (SOS button, geofence, ...) was active.</summary>
    Alarm = 4,
    /// <summary>The vehicle's ignition was on.</summary>
    IgnitionOn = 8,
}
