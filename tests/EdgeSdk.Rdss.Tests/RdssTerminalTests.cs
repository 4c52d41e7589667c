using EdgeSdk.Gnss;
using EdgeSdk.Nmea;
using EdgeSdk.Simulation.Rdss;

namespace EdgeSdk.Rdss.Tests;

/// <summary>The terminal API against simulated terminals on real pseudo-terminals (SerialPort on /dev/pts/N).</summary>
public sealed class RdssTerminalTests : IAsyncLifetime
{
    private const int Truck = 179773;
    private const int Centre = 4207733;
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IAsyncDisposable d in Enumerable.Reverse(_owned))
        {
            await d.DisposeAsync();
        }
    }

    [Fact]
    public async Task Card_information_comes_from_the_terminal_with_the_length_limit_of_its_level()
    {
        var (network, truckSim, _) = Pair(TimeSpan.FromSeconds(2));
        RdssTerminal truck = Open(truckSim);
        RdssCardInfo card = await truck.GetCardInfoAsync();
        Assert.Equal(new RdssCardInfo(Truck, TimeSpan.FromSeconds(2), 3, 560, 0, false), card);
        Assert.Equal(1, truckSim.CardChecks);
        Assert.Equal(0, network.Delivered);

        var options = new RdssTerminalOptions { LengthLimits = RdssLengthLimits.CreateDefault().Set(RdssProtocol.V21, 3, 1680) };
        await truck.DisposeAsync();
        RdssTerminal again = Open(truckSim, options);
        Assert.Equal(1680, (await again.GetCardInfoAsync()).MaxMessageBits);
    }

    [Fact]
    public async Task When_the_terminal_goes_away_Messages_ends_with_an_error_naming_the_port()
    {
        var (_, truckSim, centreSim) = Pair(TimeSpan.Zero);
        RdssTerminal truck = Open(truckSim);
        RdssTerminal centre = Open(centreSim);
        Assert.True((await truck.SendTextAsync(Centre, "before")).IsSent);
        Assert.Equal("before", (await centre.Messages.ReadAsync()).Text);

        await centreSim.DisposeAsync(); // the pty's other end closes, as when a USB adapter is pulled
        RdssTerminalException error = await Assert.ThrowsAsync<RdssTerminalException>(
            () => centre.Messages.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith($"the RDSS terminal at {centreSim.DevicePath} went away (", error.Message);

        // A terminal that is disposed ends its messages without an error.
        await truck.DisposeAsync();
        await truck.Messages.Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Text_reaches_the_command_centre_as_gb18030_through_the_serial_ports()
    {
        var (network, truckSim, centreSim) = Pair(TimeSpan.FromSeconds(1));
        RdssTerminal truck = Open(truckSim);
        RdssTerminal centre = Open(centreSim);
        RdssSendResult sent = await truck.SendTextAsync(Centre, "到达拉萨 km 4120");
        Assert.Equal(RdssSendStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);

        RdssMessage m = await Eventually.Next(centre.Messages);
        Assert.Equal(Truck, m.SenderUserId);
        Assert.Equal(RdssPayloadEncoding.Mixed, m.Encoding);
        Assert.Equal("到达拉萨 km 4120", m.Text);
        Assert.Equal(16, m.Payload.Length); // 4 characters × 2 bytes + 8 ASCII
        Assert.Equal(1, network.Delivered);
        Assert.Equal(1, truck.Counters.Sent);
        Assert.Equal(1, centre.Counters.Received);
        Assert.Equal(0, truck.SentenceStatistics.Rejected);
    }

    [Fact]
    public async Task A_chinese_mode_message_of_raw_gb2312_bytes_is_received_only_with_8_bit_bytes_accepted()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        byte[] gb2312 = System.Text.Encoding.GetEncoding("GB2312").GetBytes("到达拉萨");
        Assert.Equal("B5BDB4EFC0ADC8F8", Convert.ToHexString(gb2312)); // every byte above 0x7E
        var (network, truckSim, centreSim) = Pair(TimeSpan.FromSeconds(1));
        RdssTerminal truck = Open(truckSim);

        // Default: the line ends at the first 8-bit byte, the cut sentence is refused and counted, nothing arrives.
        RdssTerminal strict = Open(centreSim);
        Assert.Equal(RdssSendStatus.Sent, (await truck.SendAsync(Centre, gb2312, RdssPayloadEncoding.Chinese)).Status);
        await Eventually.True(() => network.Delivered == 1, "the first message delivered to the centre's port");
        await Eventually.True(() => strict.SentenceStatistics.Rejected >= 1, "the cut sentence refused");
        Assert.Equal(0, strict.Counters.Received);
        Assert.False(strict.Messages.TryRead(out _));
        await strict.DisposeAsync();

        // Opted in: the whole sentence is read and the payload is the GB2312 bytes.
        RdssTerminal centre = Open(centreSim, new RdssTerminalOptions { AcceptEightBitPayloads = true });
        Assert.Equal(RdssSendStatus.Sent, (await truck.SendAsync(Centre, gb2312, RdssPayloadEncoding.Chinese)).Status);
        RdssMessage m = await Eventually.Next(centre.Messages);
        Assert.Equal(RdssPayloadEncoding.Chinese, m.Encoding);
        Assert.Equal(gb2312, m.Payload);
        Assert.Equal("到达拉萨", m.Text);
        Assert.Equal(0, centre.SentenceStatistics.Rejected);
        Assert.Equal(0, truckSim.Ignored); // the simulated card took both Chinese-mode sends whole
    }

    [Fact]
    public async Task Sends_faster_than_the_service_interval_wait_in_the_queue_and_all_arrive_in_order()
    {
        var (network, truckSim, centreSim) = Pair(TimeSpan.FromSeconds(1));
        RdssTerminal truck = Open(truckSim);
        RdssTerminal centre = Open(centreSim);
        Task<RdssSendResult>[] sends = Enumerable.Range(1, 4).Select(i => truck.SendAsync(Centre, [(byte)i, 0xAB], RdssPayloadEncoding.Code)).ToArray();
        RdssSendResult[] results = await Task.WhenAll(sends);
        Assert.All(results, r => Assert.Equal(RdssSendStatus.Sent, r.Status));

        var received = new List<byte>();
        for (int i = 0; i < 4; i++)
        {
            received.Add((await Eventually.Next(centre.Messages)).Payload[0]);
        }

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, received);
        Assert.Equal(0, truckSim.RefusedInterval); // the terminal waited: the card never had to refuse
        Assert.Equal(4, truckSim.Accepted);
        Assert.Equal(4, truck.Counters.Transmissions);
        Assert.Equal(0, truck.PendingSends);
        Assert.Equal(4, network.Delivered);
    }

    [Fact]
    public async Task A_send_the_card_refuses_for_its_interval_is_retried_after_the_wait_the_fki_gives()
    {
        var (_, truckSim, centreSim) = Pair(TimeSpan.FromSeconds(2));
        RdssTerminal first = Open(truckSim);
        Assert.True((await first.SendAsync(Centre, [1])).IsSent);
        await first.DisposeAsync();

        // A second program on the same port does not know of the first send: the card refuses, FKI says how long to wait.
        RdssTerminal second = Open(truckSim);
        RdssSendResult r = await second.SendAsync(Centre, [2]);
        Assert.Equal(RdssSendStatus.Sent, r.Status);
        Assert.Equal(2, r.Attempts);
        Assert.Equal(1, second.Counters.IntervalWaits);
        Assert.Equal(1, second.Counters.Retries);
        Assert.Equal(1, truckSim.RefusedInterval);
        Assert.Equal(2, truckSim.Accepted);
        RdssTerminal centre = Open(centreSim);
        await Eventually.True(() => centreSim.Received == 2, "both messages delivered to the centre's card");
    }

    [Fact]
    public async Task Bad_sends_are_refused_before_the_queue_with_typed_results()
    {
        var (_, truckSim, _) = Pair(TimeSpan.FromSeconds(1));
        RdssTerminal truck = Open(truckSim);
        Assert.Equal(RdssSendStatus.InvalidDestination, (await truck.SendAsync(0, [1])).Status);
        Assert.Equal(RdssSendStatus.InvalidDestination, (await truck.SendAsync(10_000_000, [1])).Status);
        RdssSendResult tooLong = await truck.SendAsync(Centre, new byte[71]);
        Assert.Equal(RdssSendStatus.TooLong, tooLong.Status);
        Assert.Contains("568 bits", tooLong.Detail);
        Assert.Equal(RdssSendStatus.UnsupportedEncoding, (await truck.SendAsync(Centre, [1], RdssPayloadEncoding.CompressedCode)).Status);
        Assert.True((await truck.SendAsync(Centre, new byte[70])).IsSent); // exactly 560 bits
        Assert.Equal(2, truck.Counters.InvalidDestination);
        Assert.Equal(1, truck.Counters.TooLong);
        Assert.Equal(1, truck.Counters.UnsupportedEncoding);
        Assert.Equal(1, truckSim.Accepted);
        Assert.Equal(0, truckSim.RefusedLength);
    }

    [Fact]
    public async Task The_card_refuses_a_message_longer_than_its_level_with_reason_6()
    {
        var (_, truckSim, _) = Pair(TimeSpan.Zero, truckBits: 80);
        // The host believes the card allows 560 bits (fallback); the card allows 80.
        RdssTerminal truck = Open(truckSim, new RdssTerminalOptions { MaxRetries = 1 });
        RdssSendResult r = await truck.SendAsync(Centre, new byte[11]);
        Assert.Equal(RdssSendStatus.Refused, r.Status);
        Assert.Equal(6, r.ReasonCode);
        Assert.Equal(2, r.Attempts);
        Assert.Equal(2, truckSim.RefusedLength);
        Assert.Equal(1, truck.Counters.Refused);
    }

    [Fact]
    public async Task A_terminal_that_never_answers_fki_gives_a_typed_timeout_and_the_queue_goes_on()
    {
        var (network, truckSim, _) = Pair(TimeSpan.Zero, truckAnswers: false);
        RdssTerminal truck = Open(truckSim, new RdssTerminalOptions { FeedbackTimeout = TimeSpan.FromMilliseconds(400), MaxRetries = 1 });
        Task<RdssSendResult> a = truck.SendAsync(Centre, [1]);
        Task<RdssSendResult> b = truck.SendAsync(Centre, [2]);
        RdssSendResult[] results = await Task.WhenAll(a, b);
        Assert.All(results, r => Assert.Equal(RdssSendStatus.NoFeedback, r.Status));
        Assert.All(results, r => Assert.Equal(2, r.Attempts));
        Assert.Contains("$BDFKI", results[0].Detail);
        Assert.Equal(2, truck.Counters.NoFeedback);
        Assert.Equal(4, truck.Counters.FeedbackTimeouts);
        Assert.Equal(4, truck.Counters.Transmissions);
        Assert.Equal(0, truck.PendingSends);
        Assert.Equal(0, network.Delivered);
    }

    [Fact]
    public async Task A_silent_port_fails_the_card_check_with_one_line_naming_it()
    {
        using var pty = Simulation.Devices.PseudoTerminal.Open();
        await using RdssTerminal t = RdssTerminal.OpenSerial(pty.DevicePath, 115200, new RdssTerminalOptions { FeedbackTimeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });
        var e = await Assert.ThrowsAsync<RdssTerminalException>(() => t.GetCardInfoAsync());
        Assert.Contains(pty.DevicePath, e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Equal(2, t.Counters.FeedbackTimeouts);

        var missing = Assert.Throws<RdssTerminalException>(() => RdssTerminal.OpenSerial("/dev/ttyRDSS-missing"));
        Assert.StartsWith("cannot open the RDSS terminal at /dev/ttyRDSS-missing", missing.Message);
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_and_closing_ends_the_waiting_sends_as_closed()
    {
        var (_, truckSim, _) = Pair(TimeSpan.FromSeconds(120));
        RdssTerminal truck = Open(truckSim, new RdssTerminalOptions { QueueCapacity = 2 });
        Assert.True((await truck.SendAsync(Centre, [1])).IsSent);
        Task<RdssSendResult> inProgress = truck.SendAsync(Centre, [2]); // waits 120 s for the service interval
        Task<RdssSendResult> queued = truck.SendAsync(Centre, [3]);     // waits behind it: the queue is now full
        await Eventually.True(() => truck.PendingSends == 2, "two sends waiting");
        RdssSendResult full = await truck.SendAsync(Centre, [4]);
        Assert.Equal(RdssSendStatus.QueueFull, full.Status);
        Assert.Equal(0, full.Attempts);
        await truck.DisposeAsync();
        Assert.Equal(RdssSendStatus.Closed, (await inProgress).Status);
        Assert.Equal(RdssSendStatus.Closed, (await queued).Status);
        Assert.Equal(1, truck.Counters.QueueFull);
        Assert.Equal(2, truck.Counters.Closed);
        Assert.Equal(1, truckSim.Accepted);
    }

    [Fact]
    public async Task Lost_messages_never_arrive_and_are_counted_by_the_network()
    {
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromMilliseconds(100), LossProbability = 1.0 });
        SimulatedRdssTerminal truckSim = Sim(network, new SimulatedRdssCard { UserId = Truck, ServiceInterval = TimeSpan.Zero });
        SimulatedRdssTerminal centreSim = Sim(network, new SimulatedRdssCard { UserId = Centre });
        RdssTerminal truck = Open(truckSim);
        RdssTerminal centre = Open(centreSim);
        Assert.True((await truck.SendAsync(Centre, [1, 2, 3])).IsSent); // the terminal sent it; the satellite link lost it
        Assert.True((await truck.SendAsync(1234567, [4])).IsSent);    // nobody has that card
        await Eventually.True(() => network.Lost == 1 && network.UnknownDestination == 1, "loss and unknown destination counted");
        Assert.Equal(0, network.Delivered);
        Assert.Equal(0, centreSim.Received);
        Assert.False(centre.Messages.TryRead(out _));
    }

    [Fact]
    public async Task Six_fixes_travel_in_one_global_message_and_come_back_as_gnss_fixes()
    {
        var (_, truckSim, centreSim) = Pair(TimeSpan.Zero);
        RdssTerminal truck = Open(truckSim);
        RdssTerminal centre = Open(centreSim);
        var start = new DateTime(2026, 12, 1, 4, 0, 0, DateTimeKind.Utc);
        GnssFix[] fixes = Enumerable.Range(0, 6).Select(i => new GnssFix
        {
            TimeUtc = start.AddMinutes(i),
            Mode = FixMode.ThreeD,
            Quality = FixQuality.Autonomous,
            LatitudeDegrees = 29.65 - (i * 0.0043),
            LongitudeDegrees = 91.1 - (i * 0.0121),
            SpeedMetersPerSecond = 24.5,
            CourseDegrees = 250 + i,
        }).ToArray();
        byte[] report = RdssPositionReports.Encode(fixes, 70, out int packed);
        Assert.Equal(6, packed);
        Assert.True(report.Length <= 66, $"{report.Length} bytes");
        Assert.True((await truck.SendAsync(Centre, report)).IsSent);

        RdssMessage m = await Eventually.Next(centre.Messages);
        Assert.Equal(RdssPayloadEncoding.Code, m.Encoding);
        Assert.Null(m.Text);
        Assert.Equal(RdssCodecResult.Ok, RdssPositionReports.TryDecode(new RdssPositionCodec(), m.Payload, out IReadOnlyList<GnssFix> back));
        Assert.Equal(6, back.Count);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(fixes[i].TimeUtc, back[i].TimeUtc);
            Assert.Equal(FixMode.ThreeD, back[i].Mode);
            Assert.Equal(fixes[i].LatitudeDegrees!.Value, back[i].LatitudeDegrees!.Value, 5);
            Assert.Equal(fixes[i].LongitudeDegrees!.Value, back[i].LongitudeDegrees!.Value, 5);
            Assert.Equal(24.5, back[i].SpeedMetersPerSecond);
            Assert.Equal(250.0 + i, back[i].CourseDegrees);
        }
    }

    [Fact]
    public async Task Bds3_terminals_use_tcq_and_tci()
    {
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromMilliseconds(200) });
        SimulatedRdssTerminal truckSim = Sim(network, new SimulatedRdssCard { UserId = Truck, ServiceInterval = TimeSpan.Zero, Protocol = RdssProtocol.Bds3, MaxMessageBits = 14000 });
        SimulatedRdssTerminal centreSim = Sim(network, new SimulatedRdssCard { UserId = Centre, Protocol = RdssProtocol.Bds3, MaxMessageBits = 14000 });
        var options = new RdssTerminalOptions { Protocol = RdssProtocol.Bds3 };
        RdssTerminal truck = Open(truckSim, options);
        RdssTerminal centre = Open(centreSim, new RdssTerminalOptions { Protocol = RdssProtocol.Bds3 });
        Assert.Equal(14000, (await truck.GetCardInfoAsync()).MaxMessageBits);
        byte[] big = Enumerable.Range(0, 1750).Select(i => (byte)(i * 7)).ToArray();
        Assert.True((await truck.SendAsync(Centre, big)).IsSent);
        RdssMessage m = await Eventually.Next(centre.Messages);
        Assert.Equal(big, m.Payload);
        Assert.Equal(Truck, m.SenderUserId);
    }

    private (SimulatedRdssNetwork Network, SimulatedRdssTerminal Truck, SimulatedRdssTerminal Centre) Pair(TimeSpan interval, int truckBits = 560, bool truckAnswers = true)
    {
        var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromMilliseconds(200) });
        SimulatedRdssTerminal truck = Sim(network, new SimulatedRdssCard { UserId = Truck, ServiceInterval = interval, MaxMessageBits = truckBits, AnswersFeedback = truckAnswers });
        SimulatedRdssTerminal centre = Sim(network, new SimulatedRdssCard { UserId = Centre, ServiceInterval = TimeSpan.FromSeconds(1), SubordinateCount = 22 });
        return (network, truck, centre);
    }

    private SimulatedRdssTerminal Sim(SimulatedRdssNetwork network, SimulatedRdssCard card)
    {
        SimulatedRdssTerminal t = network.OpenTerminal(card);
        _owned.Add(t);
        return t;
    }

    private RdssTerminal Open(SimulatedRdssTerminal sim, RdssTerminalOptions? options = null)
    {
        RdssTerminal t = RdssTerminal.OpenSerial(sim.DevicePath!, 115200, options);
        _owned.Add(t);
        return t;
    }
}
