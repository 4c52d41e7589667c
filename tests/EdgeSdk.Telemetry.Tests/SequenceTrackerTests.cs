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
