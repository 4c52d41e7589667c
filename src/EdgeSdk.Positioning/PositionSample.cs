namespace EdgeSdk.Positioning;

/// <summary>
/// One fix as the positioning layer needs it: plain values, so any source (EdgeSdk.Gnss, a JT/T 808
/// report, a CAN feed, a test) can drive trips, the odometer, geofences and alarms.
/// </summary>
/// <param name="TimeUtc">Fix time, UTC. Samples must arrive in time order.</param>
/// <param name="FixValid">True when the receiver has a 2D/3D position; false in a tunnel or with no antenna.</param>
/// <param name="LatitudeDegrees">WGS-84 latitude (ignored without a fix).</param>
/// <param name="LongitudeDegrees">WGS-84 longitude (ignored without a fix).</param>
/// <param name="SpeedMetersPerSecond">Speed over ground, or NaN when unknown.</param>
/// <param name="Hdop">Horizontal dilution of precision, or NaN when unknown.</param>
/// <param name="Ignition">Ignition/ACC line, when the terminal has one.</param>
public readonly record struct PositionSample(
    DateTime TimeUtc,
    bool FixValid,
    double LatitudeDegrees,
    double LongitudeDegrees,
    double SpeedMetersPerSecond = double.NaN,
    double Hdop = double.NaN,
    IgnitionState Ignition = IgnitionState.Unknown);
