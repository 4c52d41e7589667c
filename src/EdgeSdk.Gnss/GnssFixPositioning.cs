using EdgeSdk.Positioning;

namespace EdgeSdk.Gnss;

/// <summary>Hands fixes to EdgeSdk.Positioning (trips, odometer, geofences, driver alarms).</summary>
public static class GnssFixPositioning
{
    /// <summary>
    /// The fix as a <see cref="PositionSample"/>; false when the fix has no time (a sample needs one).
    /// A fix without a position becomes a sample with <see cref="PositionSample.FixValid"/> false, which
    /// the fix-lost alarm and the trip detector need to see.
    /// </summary>
    public static bool TryGetPositionSample(this GnssFix fix, out PositionSample sample, IgnitionState ignition = IgnitionState.Unknown)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (fix.TimeUtc is not DateTime time)
        {
            sample = default;
            return false;
        }

        sample = fix.HasPosition
            ? new PositionSample(time, true, fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value,
                fix.SpeedMetersPerSecond ?? double.NaN, fix.Hdop ?? double.NaN, ignition)
            : new PositionSample(time, false, double.NaN, double.NaN, double.NaN, double.NaN, ignition);
        return true;
    }
}
