using EdgeSdk.Positioning;
using EdgeSdk.Positioning.Tests;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>Issue 13's done-when for the terminal: the Chongqing truck against E1's platform simulator.</summary>
public class DoneWhenTests
{
    // A polygon around the Jiefangbei drop-off (the van stops there 90 s), about 400 m × 400 m, set by the platform.
    private static readonly GeoPoint[] Fence =
    [
        new(29.5592, 106.5751), new(29.5592, 106.5793), new(29.5556, 106.5793), new(29.5556, 106.5751),
    ];

    private const uint FenceId = 77;

    private static Jt808SetAreas PolygonCommand()
    {
        var polygon = new Jt808PolygonArea
        {
            AreaId = FenceId,
            Attributes = (1 << 3) | (1 << 5), // alarm to the platform on entering and on leaving
            VertexLatitudesMicrodegrees = Fence.Select(p => (uint)Math.Round(p.LatitudeDegrees * 1e6)).ToArray(),
            VertexLongitudesMicrodegrees = Fence.Select(p => (uint)Math.Round(p.LongitudeDegrees * 1e6)).ToArray(),
        };
        return new Jt808SetAreas(Jt808MessageIds.SetPolygonArea) { SettingType = Jt808SetAreas.SettingUpdate, Areas = [polygon] };
    }

    private static async Task ReportEverySecondAsync(Rig rig)
    {
        Jt808GeneralResponse set = await rig.Platform.SetParametersAsync(Rig.Phone,
            [Jt808Parameter.FromUnsigned(Jt808TerminalParameters.DefaultReportInterval, 1, 4), Jt808Parameter.FromUnsigned(Jt808TerminalParameters.AlarmReportInterval, 1, 4)],
            Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, set.Result);
    }

    [Fact]
    public async Task A_fence_set_over_0x8604_shows_enter_and_exit_in_the_0x0200_alarm_bits_where_the_truck_crosses_it()
    {
        ChongqingDrive drive = await ChongqingDrive.LoadAsync();
        IReadOnlyList<PositionSample> samples = drive.Samples;
        var truth = drive.Truth;
        await using var rig = new Rig();
        await rig.StartTerminalAsync();
        await ReportEverySecondAsync(rig);
        Jt808GeneralResponse areaAnswer = await rig.Platform.SetAreasAsync(Rig.Phone, PolygonCommand(), Rig.Timeout);
        Assert.Equal(Jt808GeneralResponse.ResultSuccess, areaAnswer.Result);
        Assert.Equal([FenceId], rig.Terminal.AreaIds);

        await rig.FeedAsync(samples, waitForEach: true);
        await rig.WaitForLocationsAsync();

        List<Jt808LocationReport> reports = rig.Locations().Select(l => l.Report).ToList();
        Assert.Equal(rig.Terminal.Status.ReportsMade, reports.Count);
        var fence = new PolygonGeofence(FenceId, Fence);
        var withArea = reports.Select((r, i) => (Report: r, Index: i, Ok: r.TryGetAreaAlarm(out int type, out uint id, out int direction), Type: type, Id: id, Direction: direction))
            .Where(x => x.Ok).ToList();
        Assert.Equal(2, withArea.Count);
        Assert.All(withArea, x => Assert.Equal((3, FenceId), (x.Type, x.Id))); // location type 3: polygon
        Assert.Equal([0, 1], withArea.Select(x => x.Direction)); // 0 in, then 1 out

        // Bit 20 (in/out area) is on exactly those two reports: set by the event, cleared once the platform acknowledged it.
        Assert.Equal(withArea.Select(x => x.Index), reports.Select((r, i) => (r, i)).Where(x => (x.r.AlarmFlags & Jt808AlarmFlags.AreaInOut) != 0).Select(x => x.i));

        // Where: the enter report is inside and within one second of driving (≤ 14 m/s) plus noise of the edge; the exit
        // report is outside by the 20 m hysteresis plus at most the same.
        Jt808LocationReport enter = withArea[0].Report, exit = withArea[1].Report;
        double enterDistance = fence.SignedDistanceMeters(enter.LatitudeDegrees, enter.LongitudeDegrees);
        double exitDistance = fence.SignedDistanceMeters(exit.LatitudeDegrees, exit.LongitudeDegrees);
        Assert.InRange(enterDistance, -25, 0);
        Assert.InRange(exitDistance, 20, 45);

        // When: the simulator's truth crosses the polygon within a few seconds of the reports' times.
        DateTime truthIn = truth.First(t => fence.Contains(t.Lat, t.Lon)).TimeUtc;
        DateTime truthOut = truth.Where(t => t.TimeUtc > truthIn).First(t => fence.SignedDistanceMeters(t.Lat, t.Lon) > 20).TimeUtc;
        Assert.True(enter.TryGetTimeUtc(out DateTime enterUtc));
        Assert.True(exit.TryGetTimeUtc(out DateTime exitUtc));
        Assert.InRange((enterUtc - truthIn).TotalSeconds, -3, 3);
        Assert.InRange((exitUtc - truthOut).TotalSeconds, -3, 3);
        Assert.Equal(0, rig.Terminal.Status.Rejected);

        // The tunnel: GNSS fix lost (bit 4) held on the reports without a fix from 30 s in, and on no report with one.
        const uint fixLost = (uint)DriverAlarm.GnssFixLost;
        Assert.True(reports.Count(r => (r.AlarmFlags & fixLost) != 0) > 60);
        Assert.All(reports.Where(r => (r.AlarmFlags & fixLost) != 0), r => Assert.False(r.IsFixed));
    }

    [Fact]
    public async Task A_30_s_platform_outage_ends_with_every_position_delivered_exactly_once_the_outage_inside_0x0704()
    {
        IReadOnlyList<PositionSample> samples = (await ChongqingDrive.LoadAsync()).Samples;
        await using var rig = new Rig(proxy: true);
        await rig.StartTerminalAsync();
        await ReportEverySecondAsync(rig);

        // Drive 5 minutes with the platform up; then the platform goes down for 30 s of the drive.
        int cut = samples.TakeWhile(s => s.TimeUtc < samples[0].TimeUtc.AddMinutes(5)).Count();
        int back = samples.TakeWhile(s => s.TimeUtc < samples[cut].TimeUtc.AddSeconds(30)).Count();
        await rig.FeedAsync(samples.Take(cut), waitForEach: false);
        await rig.DrainAsync();
        long failuresBefore = rig.Terminal.Status.SessionFailures;
        rig.Proxy!.TakeDown();
        await Rig.WaitForAsync(() => rig.Terminal.Status.SessionFailures > failuresBefore, "the terminal sees the connection go");
        await rig.FeedAsync(samples.Skip(cut).Take(back - cut), waitForEach: false);
        await Rig.WaitForAsync(() => rig.Proxy.Refused >= 2, "the terminal tries to reconnect while the platform is down");
        Assert.Equal(back - cut, rig.Terminal.Status.Queued);
        Assert.NotEqual(Jt808TerminalState.Online, rig.Terminal.State);
        rig.Proxy.BringUp();
        await rig.FeedAsync(samples.Skip(back), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync();

        // One report per sample time (samples are one second apart; the interval is 1 s), each received exactly once.
        DateTime[] expected = samples.Select(s => s.TimeUtc).Distinct().ToArray();
        List<(Jt808LocationReport Report, int MessageId)> received = rig.Locations();
        DateTime[] times = received.Select(l => Assert.IsType<DateTime>(l.Report.TryGetTimeUtc(out DateTime t) ? t : (DateTime?)null)).ToArray();
        Assert.Equal(expected.Length, rig.Terminal.Status.ReportsMade);
        Assert.Equal(expected.Length, times.Length);
        Assert.Equal(expected.Length, times.Distinct().Count());
        Assert.Equal(expected.Order(), times.Order());

        // The outage's 30 reports came as blind-area batches (type 1) after the reconnect, none as 0x0200.
        DateTime outageStart = samples[cut].TimeUtc, outageEnd = samples[back - 1].TimeUtc;
        var outage = received.Where(l => l.Report.TryGetTimeUtc(out DateTime t) && t >= outageStart && t <= outageEnd).ToList();
        Assert.Equal(back - cut, outage.Count);
        Assert.All(outage, l => Assert.Equal(Jt808MessageIds.LocationBatch, l.MessageId));
        List<Jt808Message> batches = rig.Received(Jt808MessageIds.LocationBatch);
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Equal(Jt808LocationBatch.TypeBlindArea, ((Jt808LocationBatch)b.Body!).BatchType));

        Jt808TerminalStatus status = rig.Terminal.Status;
        Assert.Equal((0, 0, 0, 0, 0L), (status.Queued, status.Rejected, status.Dropped, status.Lost, status.StoreFailures));
        Assert.Equal(expected.Length, status.Acknowledged);
        Assert.True(status.BatchedReportsAcknowledged >= back - cut, $"{status.BatchedReportsAcknowledged} batched");
    }
}
