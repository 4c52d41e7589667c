namespace EdgeSdk.Telemetry.Tests;

public class SequenceTrackerTests
{
    [Fact]
    public void Duplicates_are_refused_and_gaps_counted_until_filled()
    {
        var tracker = new SequenceTracker();
        Assert.True(tracker.Observe(5));
        Assert.True(tracker.Observe(6));
        Assert.False(tracker.Observe(6));
        Assert.True(tracker.Observe(10));
        Assert.Equal(3, tracker.Missing);
        Assert.True(tracker.Observe(8));
        Assert.False(tracker.Observe(8));
        Assert.Equal(2, tracker.Missing);
        Assert.True(tracker.Observe(7));
        Assert.True(tracker.Observe(9));
        Assert.Equal(0, tracker.Missing);
        Assert.False(tracker.Observe(5));
        Assert.False(tracker.Observe(9));
        Assert.True(tracker.Observe(11));
    }

    [Fact]
    public void Unreceived_names_what_was_acknowledged_but_never_arrived()
    {
        var tracker = new SequenceTracker();
        Assert.Empty(tracker.Unreceived(1, 0));
        Assert.Equal([1L, 2, 3], tracker.Unreceived(1, 3)); // nothing seen yet
        foreach (long s in new long[] { 3, 4, 6, 9, 10 })
        {
            Assert.True(tracker.Observe(s));
        }

        Assert.Equal((3L, 10L, 3L), (tracker.FirstSeen, tracker.HighestSeen, tracker.Missing));
        Assert.Equal([1L, 2, 5, 7, 8, 11, 12], tracker.Unreceived(1, 12)); // before the first seen counts as not received
        Assert.Equal([1L, 2, 5, 7], tracker.Unreceived(1, 12, max: 4));
        Assert.True(tracker.HasReceived(4));
        Assert.False(tracker.HasReceived(5));
        Assert.True(tracker.Observe(5));
        Assert.Equal([7L, 8], tracker.Unreceived(3, 10));
    }

    [Fact]
    public void A_hole_given_up_after_too_many_out_of_order_numbers_still_reads_as_not_received()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(1);
        for (long s = 3; s <= SequenceTracker.MaxOutOfOrder + 3; s++)
        {
            tracker.Observe(s); // 2 never comes; the set above the watermark overflows once
        }

        Assert.Equal(1, tracker.Missing);
        Assert.False(tracker.Observe(2)); // given up on: below the watermark now
        Assert.False(tracker.HasReceived(2));
        Assert.Equal([2L], tracker.Unreceived(1, SequenceTracker.MaxOutOfOrder + 3));
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum_with_jitter_between_half_and_full()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000));
        double[] ceilings = [100, 200, 400, 800, 1000, 1000];
        foreach (double ceiling in ceilings)
        {
            double delay = backoff.Next().TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }
}
