using System.Text;

namespace EdgeSdk.Can.Tests;

public class CandumpTests
{
    [Fact]
    public void Parses_standard_extended_remote_and_fd_lines()
    {
        Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine("(1700000000.123456) can0 123#DEADBEEF", out CanFrame f));
        Assert.Equal((1700000000123456L, 0x123u, false, false, false, "can0"), (f.TimestampMicroseconds, f.Id, f.IsExtended, f.IsFd, f.IsRemote, f.Channel));
        Assert.Equal(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }, f.Data);

        Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine("(1700000000.5) vcan1 18FEF1FE#0011223344556677", out f));
        Assert.Equal((1700000000500000L, 0x18FEF1FEu, true, 8), (f.TimestampMicroseconds, f.Id, f.IsExtended, f.Data.Length));

        Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine("(1.000001) can0 7FF#R", out f));
        Assert.True(f.IsRemote);
        Assert.Empty(f.Data);

        string fd = "(1700000001.000000) can0 400##1" + string.Concat(Enumerable.Repeat("A5", 64));
        Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine(fd, out f));
        Assert.True(f.IsFd);
        Assert.Equal(64, f.Data.Length);
        Assert.All(f.Data, b => Assert.Equal(0xA5, b));

        Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine("(2.0) can0 123#", out f));
        Assert.Empty(f.Data);
    }

    [Theory]
    [InlineData("", CandumpLineStatus.Blank)]
    [InlineData("   # comment", CandumpLineStatus.Blank)]
    [InlineData("(1700000000.1) can0 20000080#0000000000000000", CandumpLineStatus.ErrorFrame)]
    [InlineData("garbage", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1 can0 123#00", CandumpLineStatus.Malformed)]
    [InlineData("(17000x0000.1) can0 123#00", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 12#00", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 800#00", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 12G#00", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 123#0", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 123#001122334455667788", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 123#ZZ", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0 123##", CandumpLineStatus.Malformed)]
    [InlineData("(1700000000.1) can0", CandumpLineStatus.Malformed)]
    [InlineData("  can0  123   [4]  DE AD BE EF", CandumpLineStatus.Malformed)]
    public void Lines_that_are_not_frames_say_why(string line, CandumpLineStatus expected)
    {
        Assert.Equal(expected, CandumpFormat.TryParseLine(line, out _));
    }

    [Fact]
    public void Format_and_parse_round_trip()
    {
        var frames = new[]
        {
            new CanFrame(1700000000000001, 0x1, false, false, [0x01, 0x02], "can0"),
            new CanFrame(1700000000999999, 0x1ABCDEF0, true, false, [0xFF], "vcan0"),
            new CanFrame(1700000001000000, 0x400, false, true, Enumerable.Range(0, 48).Select(i => (byte)i).ToArray(), "can1"),
        };
        foreach (CanFrame frame in frames)
        {
            string line = CandumpFormat.FormatLine(frame);
            Assert.Equal(CandumpLineStatus.Frame, CandumpFormat.TryParseLine(line, out CanFrame back));
            Assert.Equal((frame.TimestampMicroseconds, frame.Id, frame.IsExtended, frame.IsFd, frame.Channel), (back.TimestampMicroseconds, back.Id, back.IsExtended, back.IsFd, back.Channel));
            Assert.Equal(frame.Data, back.Data);
        }

        Assert.Equal("(1700000000.000001) can0 001#0102", CandumpFormat.FormatLine(frames[0]));
        Assert.Equal("(1700000000.999999) vcan0 1ABCDEF0#FF", CandumpFormat.FormatLine(frames[1]));
    }

    [Fact]
    public async Task A_file_source_counts_garbage_and_error_frames()
    {
        const string log = """
            (1700000000.000000) can0 123#01
            this is not a frame
            (1700000000.100000) can0 20000080#0000000000000000

            (1700000000.200000) can0 124#02
            (1700000000.300000) can0 125#0
            """;
        var source = new CandumpFileSource(new MemoryStream(Encoding.UTF8.GetBytes(log)));
        var ids = new List<uint>();
        await foreach (CanFrame f in source.ReadFramesAsync())
        {
            ids.Add(f.Id);
        }

        Assert.Equal([0x123u, 0x124u], ids);
        Assert.Equal((2L, 2L, 1L, 1L, 2L), (source.Frames, source.MalformedLines, source.ErrorFrames, source.BlankLines, source.FirstMalformedLine));
    }

    [Fact]
    public async Task Recorded_pace_waits_for_each_frame_time_from_the_first()
    {
        const string log = "(100.000000) can0 001#\n(100.250000) can0 002#\n(101.000000) can0 003#\n(101.000000) can0 004#\n";
        var clock = new ManualClock();
        var source = new CandumpFileSource(new MemoryStream(Encoding.UTF8.GetBytes(log)), CandumpReplayPace.Recorded, clock);
        int n = 0;
        await foreach (CanFrame f in source.ReadFramesAsync())
        {
            n++;
        }

        Assert.Equal(4, n);
        // Waits are due time minus time already passed: 250 ms, then 750 ms, then none for the same timestamp.
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750)], clock.Delays);
    }

    [Fact]
    public async Task Fast_pace_never_waits()
    {
        const string log = "(100.000000) can0 001#\n(200.000000) can0 002#\n";
        var clock = new ManualClock();
        var source = new CandumpFileSource(new MemoryStream(Encoding.UTF8.GetBytes(log)), CandumpReplayPace.Fast, clock);
        await foreach (CanFrame f in source.ReadFramesAsync())
        {
        }

        Assert.Empty(clock.Delays);
        Assert.Equal(2, source.Frames);
    }

    /// <summary>A clock that jumps forward by every timer's due time and fires it at once, recording the waits.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public List<TimeSpan> Delays { get; } = [];

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Delays.Add(dueTime);
            _ticks += dueTime.Ticks;
            callback(state);
            return new FiredTimer();
        }

        private sealed class FiredTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
