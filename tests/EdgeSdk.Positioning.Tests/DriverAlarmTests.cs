namespace EdgeSdk.Positioning.Tests;

public class DriverAlarmTests
{
    // 08:00 local (GMT+8) on 18 March 2026.
    private static readonly DateTime T0 = new(2026, 3, 18, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Feeds 1 Hz samples at a speed for a number of seconds, from <paramref name="t"/>; returns the time after.</summary>
    private static DateTime Drive(DriverAlarmMonitor monitor, DateTime t, int seconds, double speed, List<VehicleEvent> events, bool fix = true, double? areaLimit = null)
    {
        for (int i = 0; i < seconds; i++)
        {
            monitor.Update(new PositionSample(t, fix, 29.5, 106.5, speed, 1), areaLimit, events);
            t = t.AddSeconds(1);
        }

        return t;
    }

    [Fact]
    public void Fatigue_is_raised_after_the_continuous_limit_a_short_pause_does_not_reset_it_and_the_minimum_rest_clears_it()
    {
        // JT/T 808 0x0057 = 4 h, 0x0059 = 20 min, as a platform sends them.
        var monitor = new DriverAlarmMonitor(DriverAlarmSettings.FromJt808(null, null, 4 * 3600, 8 * 3600, 20 * 60, null));
        var events = new List<VehicleEvent>();
        DateTime t = Drive(monitor, T0, (2 * 3600) + 1, 15, events);
        t = Drive(monitor, t, 10 * 60, 0, events); // 10 min pause: not a rest
        Assert.Empty(events);
        t = Drive(monitor, t, 2 * 3600, 15, events);
        Assert.Empty(events);
        t = Drive(monitor, t, 2, 15, events);
        VehicleEvent raised = Assert.Single(events);
        Assert.Equal((VehicleEventKind.AlarmRaised, DriverAlarm.FatigueDriving), (raised.Kind, raised.Alarm));
        Assert.Equal(T0.AddSeconds((4 * 3600) + (10 * 60) + 1), raised.TimeUtc);
        Assert.Equal(4 * 3600 + 1, raised.DurationSeconds);

        DateTime stopped = t;
        t = Drive(monitor, t, (20 * 60) - 1, 0, events);
        Assert.Single(events);
        t = Drive(monitor, t, 2, 0, events);
        Assert.Equal([DriverAlarm.FatigueDriving, DriverAlarm.FatigueDriving], events.Select(e => e.Alarm));
        Assert.Equal(VehicleEventKind.AlarmCleared, events[1].Kind);
        Assert.Equal(stopped.AddSeconds(20 * 60), events[1].TimeUtc); // 20 min after the first standstill fix
        Assert.Equal(0, monitor.ContinuousDrivingSeconds);
        Assert.Equal(DriverAlarm.None, monitor.Active);
    }

    [Fact]
    public void Daily_driving_limit_counts_the_local_day_and_resets_at_local_midnight()
    {
        var monitor = new DriverAlarmMonitor(new DriverAlarmSettings { ContinuousDrivingLimitSeconds = null, DailyDrivingLimitSeconds = 3600, MinimumRestSeconds = 600 });
        var events = new List<VehicleEvent>();
        DateTime t = new(2026, 3, 18, 15, 0, 0, DateTimeKind.Utc); // 23:00 local
        t = Drive(monitor, t, 1800, 15, events);
        t = Drive(monitor, t, 1200, 0, events);
        t = Drive(monitor, t, 1801, 15, events); // 23:50 → 00:20 local: crosses midnight after 10 min
        Assert.Empty(events);
        Assert.Equal(1200, monitor.DailyDrivingSeconds, 1);
        t = Drive(monitor, t, 2401, 15, events);
        VehicleEvent raised = Assert.Single(events);
        Assert.Equal(DriverAlarm.DailyDrivingTimeout, raised.Alarm);
        Assert.Equal(new DateTime(2026, 3, 18, 17, 0, 1, DateTimeKind.Utc), raised.TimeUtc); // the first second beyond 3600 s after local midnight
        _ = t;
    }

    [Fact]
    public void Overspeed_needs_the_minimum_duration_above_limit_plus_tolerance_and_clears_at_the_limit()
    {
        var monitor = new DriverAlarmMonitor(DriverAlarmSettings.FromJt808(60, 10, null, null, null, null) is var s
            ? new DriverAlarmSettings { SpeedLimitMetersPerSecond = s.SpeedLimitMetersPerSecond, OverspeedMinimumSeconds = s.OverspeedMinimumSeconds, OverspeedToleranceMetersPerSecond = 1 }
            : null);
        var events = new List<VehicleEvent>();
        double limit = 60 / 3.6;
        DateTime t = Drive(monitor, T0, 9, limit + 2, events);
        t = Drive(monitor, t, 1, limit + 0.5, events); // within the tolerance: the 10 s start again
        t = Drive(monitor, t, 10, limit + 2, events);
        Assert.Empty(events);
        t = Drive(monitor, t, 1, limit + 2, events);
        Assert.Equal((VehicleEventKind.AlarmRaised, DriverAlarm.Overspeed), (events[0].Kind, events[0].Alarm));
        Assert.Equal(limit, events[0].SpeedLimitMetersPerSecond!.Value, 1e-9);
        t = Drive(monitor, t, 5, limit + 0.5, events); // inside the tolerance band: stays raised
        Assert.Single(events);
        t = Drive(monitor, t, 1, limit, events);
        Assert.Equal(VehicleEventKind.AlarmCleared, events[^1].Kind);

        // An area limit below the global one wins.
        _ = Drive(monitor, t, 12, limit - 1, events, areaLimit: 30 / 3.6);
        Assert.Equal(30 / 3.6, events[^1].SpeedLimitMetersPerSecond!.Value, 1e-9);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public void Fix_lost_is_raised_after_its_time_without_fix_and_cleared_by_the_next_fix()
    {
        var monitor = new DriverAlarmMonitor(new DriverAlarmSettings { FixLostSeconds = 30 });
        var events = new List<VehicleEvent>();
        DateTime t = Drive(monitor, T0, 10, 10, events);
        t = Drive(monitor, t, 29, 10, events, fix: false);
        Assert.Empty(events);
        t = Drive(monitor, t, 1, 10, events, fix: false);
        Assert.Equal((VehicleEventKind.AlarmRaised, DriverAlarm.GnssFixLost, 30.0), (events[0].Kind, events[0].Alarm, events[0].DurationSeconds!.Value));
        Drive(monitor, t, 1, 10, events);
        Assert.Equal((VehicleEventKind.AlarmCleared, DriverAlarm.GnssFixLost), (events[1].Kind, events[1].Alarm));
    }

    [Fact]
    public void Jt808_parameters_map_to_settings_and_zero_means_default()
    {
        DriverAlarmSettings s = DriverAlarmSettings.FromJt808(90, 15, 3 * 3600, 0, 30 * 60, 1800);
        Assert.Equal(25, s.SpeedLimitMetersPerSecond!.Value, 1e-12);
        Assert.Equal((15.0, 3 * 3600.0, 8 * 3600.0, 1800.0, 1800.0), (s.OverspeedMinimumSeconds, s.ContinuousDrivingLimitSeconds!.Value, s.DailyDrivingLimitSeconds!.Value, s.MinimumRestSeconds, s.MaximumStopSeconds!.Value));
        Assert.Null(DriverAlarmSettings.FromJt808(0, null, null, null, null, 0).SpeedLimitMetersPerSecond);
        Assert.Equal((uint)(1 << 2), (uint)DriverAlarm.FatigueDriving);
        Assert.Equal((uint)(1 << 19), (uint)DriverAlarm.LongStop);
    }
}
