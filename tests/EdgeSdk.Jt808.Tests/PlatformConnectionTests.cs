using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Jt808.Tests;

/// <summary><see cref="Jt808Platform"/> with many terminals, a connection limit, silenced answers, disconnects and restarts.</summary>
public class PlatformConnectionTests
{
    private static readonly TimeSpan Timeout = RawTerminal.Timeout;

    private static Jt808Platform Start(Jt808PlatformOptions? options = null)
    {
        var platform = new Jt808Platform(options);
        platform.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return platform;
    }

    private static Jt808LocationReport Report(int i)
    {
        var report = new Jt808LocationReport();
        report.SetPosition(29.5 + (i * 1e-4), 106.5);
        report.SetTimeUtc(new DateTime(2026, 11, 30, 4, 0, 0, DateTimeKind.Utc).AddSeconds(i));
        return report;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(10, cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not {what} within {Timeout}");
            }
        }
    }

    [Fact]
    public async Task Forty_terminals_at_once_each_get_every_answer_and_every_report_reaches_the_stream()
    {
        const int terminals = 40;
        const int reports = 25;
        await using Jt808Platform platform = Start();
        Task<int> counting = Task.Run(async () =>
        {
            int n = 0;
            using var cts = new CancellationTokenSource(Timeout * 2);
            await foreach (Jt808ReceivedMessage m in platform.ReadAllAsync(cts.Token))
            {
                if (m.MessageId == Jt808MessageIds.LocationReport && ++n == terminals * reports)
                {
                    break;
                }
            }

            return n;
        });

        await Task.WhenAll(Enumerable.Range(0, terminals).Select(async t =>
        {
            await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, $"0138{t:D8}", version2019: t % 2 == 0);
            await terminal.LogInAsync();
            for (int i = 0; i < reports; i++)
            {
                int sequence = terminal.Sequence;
                await terminal.SendAsync(Jt808MessageIds.LocationReport, Report(i));
                await terminal.ExpectGeneralAsync(sequence, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultSuccess);
            }
        }));

        Assert.Equal(terminals * reports, await counting);
        Assert.Equal(terminals * (2 + reports), platform.Counters.Frames(Jt808DecodeResult.Ok));
        Assert.Equal(terminals * (2 + reports), platform.Counters.AnswersSent);
        Assert.Equal(terminals, platform.Counters.ConnectionsAccepted);
        await WaitUntilAsync(() => platform.Counters.ConnectionsClosed == terminals && platform.Terminals.Count == 0, "all connections closed");
        Assert.Equal(0, platform.Counters.ReceivedDropped);
    }

    [Fact]
    public async Task Connections_over_the_limit_are_closed_and_counted()
    {
        await using Jt808Platform platform = Start(new Jt808PlatformOptions { MaxTerminals = 1 });
        await using RawTerminal first = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000010");
        await first.LogInAsync();
        using var second = new TcpClient();
        await second.ConnectAsync(platform.LocalEndPoint);
        using var cts = new CancellationTokenSource(Timeout);
        Assert.Equal(0, await second.GetStream().ReadAsync(new byte[16], cts.Token)); // closed by the platform
        Assert.Equal((1, 1), (platform.Counters.ConnectionsAccepted, platform.Counters.ConnectionsRefused));
        Assert.True((await platform.WaitForTerminalAsync("013800000010", Timeout)).IsAuthenticated);
    }

    [Fact]
    public async Task A_silenced_answer_is_not_sent_and_the_terminal_can_retransmit()
    {
        int silenced = 0;
        var options = new Jt808PlatformOptions
        {
            // The first 0x0200 gets no answer, as if it was lost: the terminal sends it again with the same sequence number.
            AnswerFilter = m => m.Header.MessageId != Jt808MessageIds.LocationReport || Interlocked.Increment(ref silenced) > 1,
        };
        await using Jt808Platform platform = Start(options);
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000011");
        await terminal.LogInAsync();
        byte[] report = terminal.Encode(Jt808MessageIds.LocationReport, Report(0));
        await terminal.SendRawAsync(report);
        await terminal.SendRawAsync(report);
        await terminal.ExpectGeneralAsync(2, Jt808MessageIds.LocationReport, Jt808GeneralResponse.ResultSuccess);
        Assert.Equal(1, platform.Counters.AnswersSuppressed);
        Assert.Equal(3, platform.Counters.AnswersSent);
    }

    [Fact]
    public async Task A_terminal_authenticates_with_its_kept_code_after_a_disconnect_and_a_platform_restart()
    {
        string code;
        await using (Jt808Platform platform = Start())
        {
            await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000012");
            code = await terminal.LogInAsync();
            Assert.True(platform.Disconnect("13800000012"));
            var closed = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(terminal.ReceiveAsync); // the read returned 0: closed
            Assert.StartsWith("the platform closed the connection", closed.Message, StringComparison.Ordinal);

            // The same platform: the code it issued still authenticates, a different one does not.
            await using RawTerminal again = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000012");
            await again.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = "OTHER"u8.ToArray() });
            await again.ExpectGeneralAsync(0, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultFailure);
            await again.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = System.Text.Encoding.ASCII.GetBytes(code) });
            await again.ExpectGeneralAsync(1, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultSuccess);
        }

        // A new platform never issued the code: accepted and remembered (AcceptUnknownAuthenticationCodes), unless turned off.
        await using (Jt808Platform restarted = Start())
        {
            await using RawTerminal terminal = await RawTerminal.ConnectAsync(restarted.LocalEndPoint, "013800000012");
            await terminal.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = System.Text.Encoding.ASCII.GetBytes(code) });
            await terminal.ExpectGeneralAsync(0, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultSuccess);
        }

        await using (Jt808Platform strict = Start(new Jt808PlatformOptions { AcceptUnknownAuthenticationCodes = false }))
        {
            await using RawTerminal terminal = await RawTerminal.ConnectAsync(strict.LocalEndPoint, "013800000012");
            await terminal.SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = System.Text.Encoding.ASCII.GetBytes(code) });
            await terminal.ExpectGeneralAsync(0, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultFailure);
            Assert.Equal(1, strict.Counters.AuthenticationsRefused);
        }
    }

    [Fact]
    public async Task Sub_packaged_reports_from_a_terminal_are_acknowledged_per_package_and_published_once()
    {
        await using Jt808Platform platform = Start();
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000013");
        await terminal.LogInAsync();
        var batch = new Jt808LocationBatch { BatchType = Jt808LocationBatch.TypeBlindArea, Reports = Enumerable.Range(0, 60).Select(Report).ToArray() };
        var message = terminal.Message(Jt808MessageIds.LocationBatch, batch);
        Assert.True(new Jt808Codec().TryEncodePackages(message, 1023, out byte[][]? frames));
        Assert.Equal(2, frames!.Length); // 3 + 60 × (2 + 28) = 1,803 bytes
        terminal.Sequence += frames.Length - 1;
        foreach (byte[] frame in frames)
        {
            await terminal.SendRawAsync(frame);
        }

        await terminal.ExpectGeneralAsync(2, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultSuccess);
        await terminal.ExpectGeneralAsync(3, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultSuccess);

        using var cts = new CancellationTokenSource(Timeout);
        await foreach (Jt808ReceivedMessage m in platform.ReadAllAsync(cts.Token))
        {
            if (m.MessageId == Jt808MessageIds.LocationBatch)
            {
                Assert.Equal(Jt808DecodeResult.Ok, m.Result);
                var received = Assert.IsType<Jt808LocationBatch>(m.Message!.Body);
                Assert.Equal(60, received.Reports.Length);
                Assert.Equal(29.5059, received.Reports[59].LatitudeDegrees, 9);
                break;
            }
        }

        Assert.Equal(2, platform.Counters.SubpackagesReceived);

        // A package with an index beyond its count is a message error; a package sent twice is acknowledged and kept once.
        var bad = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.LocationBatch, terminal.Phone, 20, false), BodyBytes = [1, 2, 3] };
        bad.Header.IsSubpackage = true;
        bad.Header.PackageCount = 2;
        bad.Header.PackageIndex = 3;
        Assert.True(new Jt808Codec().TryEncode(bad, out byte[]? invalid));
        await terminal.SendRawAsync(invalid!);
        await terminal.ExpectGeneralAsync(20, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultMessageError);
        terminal.Sequence = 30;
        message = terminal.Message(Jt808MessageIds.LocationBatch, batch);
        Assert.True(new Jt808Codec().TryEncodePackages(message, 1023, out frames));
        await terminal.SendRawAsync(frames![0]);
        await terminal.SendRawAsync(frames[0]);
        await terminal.ExpectGeneralAsync(30, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultSuccess);
        await terminal.ExpectGeneralAsync(30, Jt808MessageIds.LocationBatch, Jt808GeneralResponse.ResultSuccess);
        Assert.Equal((1, 1, 0), (platform.Counters.SubpackagesInvalid, platform.Counters.SubpackagesDuplicate, platform.Counters.SubpackageMessagesEvicted));
    }

    [Fact]
    public async Task Messages_nobody_reads_are_dropped_oldest_first_and_counted()
    {
        await using Jt808Platform platform = Start(new Jt808PlatformOptions { ReceivedCapacity = 5 });
        await using RawTerminal terminal = await RawTerminal.ConnectAsync(platform.LocalEndPoint, "013800000014");
        await terminal.LogInAsync();
        for (int i = 0; i < 10; i++)
        {
            int sequence = terminal.Sequence;
            await terminal.SendAsync(Jt808MessageIds.Heartbeat, Jt808EmptyBody.Instance);
            await terminal.ExpectGeneralAsync(sequence, Jt808MessageIds.Heartbeat, Jt808GeneralResponse.ResultSuccess);
        }

        Assert.Equal(7, platform.Counters.ReceivedDropped); // 12 messages, room for 5
        var kept = new List<int>();
        while (platform.Received.TryRead(out Jt808ReceivedMessage? m))
        {
            kept.Add(m.Message!.Header.SequenceNumber);
        }

        Assert.Equal([7, 8, 9, 10, 11], kept);
    }
}
