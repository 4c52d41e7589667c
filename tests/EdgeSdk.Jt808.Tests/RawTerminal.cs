using System.Net;
using System.Net.Sockets;

namespace EdgeSdk.Jt808.Tests;

/// <summary>
/// A minimal terminal for driving <see cref="Jt808Platform"/> frame by frame: sends whole frames (valid or damaged),
/// reads the platform's frames with the codec, each wait bounded by a generous timeout.
/// </summary>
internal sealed class RawTerminal : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TcpClient _client = new();
    private readonly Jt808FrameReader _reader = new();
    private readonly Jt808Codec _codec = new();
    private readonly byte[] _buffer = new byte[4096];
    private int _offset;
    private int _count;
    private NetworkStream? _stream;

    public RawTerminal(string phone, bool version2019 = false)
    {
        Phone = phone;
        Version2019 = version2019;
    }

    public string Phone { get; }

    public bool Version2019 { get; }

    public int Sequence { get; set; }

    public static async Task<RawTerminal> ConnectAsync(IPEndPoint platform, string phone, bool version2019 = false)
    {
        var terminal = new RawTerminal(phone, version2019);
        await terminal._client.ConnectAsync(platform);
        terminal._stream = terminal._client.GetStream();
        return terminal;
    }

    public Jt808Message Message(int id, Jt808Body body) => new() { Header = Jt808Header.Create(id, Phone, Sequence++, Version2019), Body = body };

    public byte[] Encode(int id, Jt808Body body)
    {
        Assert.True(new Jt808Codec().TryEncode(Message(id, body), out byte[]? frame));
        return frame!;
    }

    public async Task SendAsync(int id, Jt808Body body) => await SendRawAsync(Encode(id, body));

    public async Task SendRawAsync(byte[] bytes) => await _stream!.WriteAsync(bytes);

    /// <summary>The platform's next frame, decoded (fails the test when none arrives within <see cref="Timeout"/>).</summary>
    public async Task<Jt808Message> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            while (_offset < _count)
            {
                _offset += _reader.Feed(_buffer, _offset, _count - _offset);
                if (_reader.HasFrame)
                {
                    Jt808DecodeResult result = _codec.TryDecode(_reader.Frame, 0, _reader.FrameLength, out Jt808Message? message);
                    Assert.Equal(message?.Header.IsSubpackage == true ? Jt808DecodeResult.UnknownMessageId : Jt808DecodeResult.Ok, result);
                    return message!;
                }
            }

            _count = await _stream!.ReadAsync(_buffer, cts.Token);
            _offset = 0;
            Assert.True(_count > 0, "the platform closed the connection");
        }
    }

    /// <summary>Receives the platform's next frame and checks it is a general response to (sequence, id) with <paramref name="result"/>.</summary>
    public async Task ExpectGeneralAsync(int sequence, int messageId, int result)
    {
        Jt808Message answer = await ReceiveAsync();
        Assert.Equal(Jt808MessageIds.PlatformGeneralResponse, answer.Header.MessageId);
        var general = Assert.IsType<Jt808GeneralResponse>(answer.Body);
        Assert.Equal((sequence, messageId, result), (general.AckSequenceNumber, general.AckMessageId, general.Result));
    }

    /// <summary>Registers and authenticates; returns the authentication code.</summary>
    public async Task<string> LogInAsync()
    {
        int sequence = Sequence;
        await SendAsync(Jt808MessageIds.Registration, new Jt808Registration { ProvinceId = 50, CityId = 100, Plate = [0x41, 0x42] });
        Jt808Message answer = await ReceiveAsync();
        var registration = Assert.IsType<Jt808RegistrationResponse>(answer.Body);
        Assert.Equal((sequence, Jt808RegistrationResponse.ResultSuccess), (registration.AckSequenceNumber, registration.Result));
        sequence = Sequence;
        await SendAsync(Jt808MessageIds.Authentication, new Jt808Authentication { AuthenticationCode = registration.AuthenticationCode });
        await ExpectGeneralAsync(sequence, Jt808MessageIds.Authentication, Jt808GeneralResponse.ResultSuccess);
        return System.Text.Encoding.ASCII.GetString(registration.AuthenticationCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream != null)
        {
            await _stream.DisposeAsync();
        }

        _client.Dispose();
    }
}
