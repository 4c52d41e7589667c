using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Gnss.Tests;

/// <summary>
/// The gpsd captures sent through real transports: a socat pseudo-terminal opened as a serial
/// port, and a loopback TCP connection. The fixes must equal the file replay's and gpsd's.
/// </summary>
public class CaptureTransportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // A generous idle gap: on a busy CI machine the writer may pause mid-epoch; only the last
    // epoch should be closed by the gap.
    // A live source never ends: read as many fixes as the file replay gave (the last epoch is
    // closed by the receiver's idle gap).
    private static GnssReceiverOptions Options => new() { EpochIdleGap = TimeSpan.FromSeconds(1) };

    public static TheoryData<string> AllCaptures => new(Captures.Names);

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public async Task Capture_through_a_pty_serial_port_matches_gpsd(string capture)
    {
        List<GnssFix> fromFile = await CaptureReplayTests.ReplayAsync(capture);
        await using SocatPty pty = await SocatPty.StartAsync();
        await using var receiver = GnssReceiver.Open($"serial:{pty.DevicePath}?baud=115200", Options);
        using var cts = new CancellationTokenSource(Timeout);
        Task<List<GnssFix>> reading = receiver.ReadFixesAsync(cts.Token).Take(fromFile.Count).ToListAsync(cts.Token).AsTask();
        await SocatPty.WaitForAsync(() => receiver.Source.StatusKind == GnssStatusKind.Opened, "the port to open");
        Task writing = pty.WritePeerAsync(Captures.Stream(capture));
        List<GnssFix> fixes = await reading;
        AssertSame(fromFile, fixes);
        Assert.Empty(CaptureComparison.Differences(capture, fixes));
        await writing.WaitAsync(cts.Token);
    }

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public async Task Capture_through_tcp_matches_gpsd(string capture)
    {
        List<GnssFix> fromFile = await CaptureReplayTests.ReplayAsync(capture);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var receiver = GnssReceiver.Open($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", Options);
        using var cts = new CancellationTokenSource(Timeout);
        Task<List<GnssFix>> reading = receiver.ReadFixesAsync(cts.Token).Take(fromFile.Count).ToListAsync(cts.Token).AsTask();
        using TcpClient client = await listener.AcceptTcpClientAsync(cts.Token);
        byte[] data = Captures.Stream(capture);
        for (int offset = 0; offset < data.Length; offset += 1000)
        {
            // Write boundaries inside sentences, as the tcp-torture capture intends.
            await client.GetStream().WriteAsync(data.AsMemory(offset, Math.Min(1000, data.Length - offset)), cts.Token);
        }

        List<GnssFix> fixes = await reading;
        AssertSame(fromFile, fixes);
        Assert.Empty(CaptureComparison.Differences(capture, fixes));
    }

    private static void AssertSame(List<GnssFix> expected, List<GnssFix> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].TimeUtc, actual[i].TimeUtc);
            Assert.Equal(expected[i].LatitudeDegrees, actual[i].LatitudeDegrees);
            Assert.Equal(expected[i].LongitudeDegrees, actual[i].LongitudeDegrees);
            Assert.Equal(expected[i].Satellites.Count, actual[i].Satellites.Count);
        }
    }
}
