using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Jt808.Terminal.Tests;

/// <summary>The terminal against a scripted socket that sends what no well-behaved platform does.</summary>
public class ScriptedPlatformTests
{
    [Fact]
    public async Task Damaged_and_sub_packaged_frames_from_the_platform_are_counted_or_refused_and_the_session_goes_on()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string state = Path.Combine(Path.GetTempPath(), $"edgesdk-jt808t-{Guid.NewGuid():N}");
        await using var terminal = new Jt808Terminal(new Jt808TerminalOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, Phone = Rig.Phone, StateDirectory = state,
            ResponseTimeout = TimeSpan.FromSeconds(10),
        });
        _ = terminal.RunAsync();
        try
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            NetworkStream stream = client.GetStream();
            var codec = new Jt808Codec();
            var frames = new Jt808FrameReader();
            var buffer = new byte[4096];

            async Task<Jt808Message> ReadAsync()
            {
                while (true)
                {
                    int n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Rig.Timeout);
                    Assert.NotEqual(0, n);
                    int offset = 0;
                    while (offset < n)
                    {
                        offset += frames.Feed(buffer, offset, n - offset);
                        if (frames.HasFrame)
                        {
                            Assert.Equal(Jt808DecodeResult.Ok, codec.TryDecode(frames.Frame, 0, frames.FrameLength, out Jt808Message m));
                            return m;
                        }
                    }
                }
            }

            async Task SendAsync(int messageId, Jt808Body body, int sequence, Action<byte[]>? damage = null, bool subpackage = false)
            {
                var header = Jt808Header.Create(messageId, Rig.Phone, sequence, false);
                if (subpackage)
                {
                    header.IsSubpackage = true;
                    header.PackageCount = 2;
                    header.PackageIndex = 1;
                }

                Assert.True(codec.TryEncode(new Jt808Message { Header = header, Body = body }, out byte[] frame));
                damage?.Invoke(frame);
                await stream.WriteAsync(frame);
            }

            Jt808Message registration = await ReadAsync();
            Assert.Equal(Jt808MessageIds.Registration, registration.Header.MessageId);
            var answer = new Jt808RegistrationResponse { AckSequenceNumber = registration.Header.SequenceNumber, AuthenticationCode = "CODE1234"u8.ToArray() };
            await SendAsync(Jt808MessageIds.RegistrationResponse, answer, 1, frame => frame[^2] ^= 0x01); // wrong check code: counted, dropped
            await stream.WriteAsync(new byte[] { 0x7E, 0x80, 0x01, 0x7E, 0x00, 0x13 }); // truncated frame and noise
            await SendAsync(Jt808MessageIds.RegistrationResponse, answer, 2); // the good one

            Jt808Message authentication = await ReadAsync();
            Assert.Equal(Jt808MessageIds.Authentication, authentication.Header.MessageId);
            await SendAsync(Jt808MessageIds.PlatformGeneralResponse,
                new Jt808GeneralResponse { AckSequenceNumber = authentication.Header.SequenceNumber, AckMessageId = Jt808MessageIds.Authentication }, 3);
            await Rig.WaitForAsync(() => terminal.State == Jt808TerminalState.Online, "online");

            // A sub-packaged 0x8103 cannot be acted on (this terminal does not join packages): "not supported".
            await SendAsync(Jt808MessageIds.SetParameters, new Jt808SetParameters { Parameters = [Jt808Parameter.FromUnsigned(0x0029, 5, 4)] }, 4, subpackage: true);
            Jt808Message refusal = await ReadAsync();
            var general = Assert.IsType<Jt808GeneralResponse>(refusal.Body);
            Assert.Equal((4, Jt808MessageIds.SetParameters, Jt808GeneralResponse.ResultNotSupported), (general.AckSequenceNumber, general.AckMessageId, general.Result));
            Assert.Equal(30u, terminal.Parameters.GetUnsigned(0x0029, 0));

            Jt808TerminalStatus status = terminal.Status;
            Assert.Equal((2L, 1L, 0L), (status.FramesRefused, status.CommandsUnsupported, status.SessionFailures));
        }
        finally
        {
            await terminal.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }
}
