using System.Collections.Concurrent;
using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>A platform that answers late or drops the connection with a report in flight: nothing is lost.</summary>
public class UnreliablePlatformTests
{
    private static byte[] Interval1s()
    {
        var writer = new Jt808Writer(32);
        new Jt808SetParameters { Parameters = [Jt808Parameter.FromUnsigned(Jt808TerminalParameters.DefaultReportInterval, 1, 4)] }.Encode(writer, false);
        return writer.ToArray();
    }

    [Fact]
    public async Task A_platform_that_answers_only_the_retransmission_gets_every_report_twice_under_one_sequence_number()
    {
        // The platform ignores the first sending of every 0x0200 (as if its answer were late) and answers the second.
        var seen = new ConcurrentDictionary<int, int>();
        var options = new Jt808PlatformOptions
        {
            AnswerFilter = m => m.Header.MessageId != Jt808MessageIds.LocationReport || seen.AddOrUpdate(m.Header.SequenceNumber, 1, (_, n) => n + 1) > 1,
        };
        await using var rig = new Rig(options);
        Directory.CreateDirectory(rig.StateDirectory);
        File.WriteAllBytes(Path.Combine(rig.StateDirectory, "parameters.bin"), Interval1s());
        await rig.StartTerminalAsync(rig.Options(responseTimeout: TimeSpan.FromMilliseconds(100)));

        await rig.FeedAsync(Samples.North(0, 20, 10), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync(atLeast: 40);

        // Every report at least twice, always under its own sequence number. More than twice is allowed: on a loaded
        // machine the answer to a retransmission can miss the 100 ms timeout too, and the terminal sends once more.
        await Rig.WaitForAsync(() => rig.Received(Jt808MessageIds.LocationReport).Count == 20 + rig.Terminal.Status.Retransmissions,
            "the platform has every sending the terminal counted");
        List<Jt808Message> reports = rig.Received(Jt808MessageIds.LocationReport);
        var bySequence = reports.GroupBy(m => m.Header.SequenceNumber).ToList();
        Assert.Equal(20, bySequence.Count);
        Assert.All(bySequence, g => Assert.True(g.Count() >= 2, $"sequence {g.Key} arrived {g.Count()} time(s)"));
        Assert.All(bySequence, g => Assert.Single(g.Select(m => Samples.Second((Jt808LocationReport)m.Body!)).Distinct()));
        Assert.Equal(Enumerable.Range(0, 20), reports.Select(m => Samples.Second((Jt808LocationReport)m.Body!)).Distinct().Order());
        Jt808TerminalStatus status = rig.Terminal.Status;
        Assert.Equal((20L, 20L, 0), (status.Acknowledged, status.LocationReportsSent, status.Queued));
        Assert.Equal(reports.Count - 20, status.Retransmissions);
    }

    [Fact]
    public async Task A_platform_that_closes_the_socket_with_a_report_in_flight_gets_it_again_after_the_reconnect()
    {
        // The platform never answers the report of second 10, and closes the connection once it has it.
        var options = new Jt808PlatformOptions
        {
            AnswerFilter = m => !(m.Body is Jt808LocationReport r && Samples.Second(r) == 10),
        };
        await using var rig = new Rig(options);
        Directory.CreateDirectory(rig.StateDirectory);
        File.WriteAllBytes(Path.Combine(rig.StateDirectory, "parameters.bin"), Interval1s());
        await rig.StartTerminalAsync();

        await rig.FeedAsync(Samples.North(0, 10, 10), waitForEach: true);
        rig.Terminal.Report(Samples.North(10, 1, 10).Single());
        await Rig.WaitForAsync(() => rig.Locations().Any(l => Samples.Second(l.Report) == 10), "the platform has the report of second 10");
        long connections = rig.Terminal.Status.Connections;
        Assert.True(rig.Platform.Disconnect(Rig.Phone));
        await rig.FeedAsync(Samples.North(11, 9, 10), waitForEach: false);
        await rig.DrainAsync();
        await rig.WaitForLocationsAsync(atLeast: 21);

        // Every second arrived; second 10 twice: as the unanswered 0x0200 and again inside the blind-area batch.
        List<(Jt808LocationReport Report, int MessageId)> received = rig.Locations();
        Assert.Equal(Enumerable.Range(0, 20), received.Select(l => Samples.Second(l.Report)).Distinct().Order());
        Assert.Equal([Jt808MessageIds.LocationReport, Jt808MessageIds.LocationBatch], received.Where(l => Samples.Second(l.Report) == 10).Select(l => l.MessageId));
        Assert.Equal(21, received.Count);
        Jt808TerminalStatus status = rig.Terminal.Status;
        Assert.Equal((20L, 0, 0L, 0L), (status.Acknowledged, status.Queued, status.Dropped, status.Lost));
        Assert.True(status.Connections > connections);
    }
}
