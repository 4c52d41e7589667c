namespace EdgeSdk.Jt808.Tests;

/// <summary>Encode, decode, encode again: the decoded message must encode to the very bytes it was decoded from.</summary>
internal static class CodecRoundTrip
{
    /// <summary>Round-trips <paramref name="message"/>. The decode result is returned, not asserted: a malformed body round-trips too.</summary>
    public static (Jt808DecodeResult Result, Jt808Message Decoded, byte[] Frame) Run(Jt808Message message)
    {
        var codec = new Jt808Codec();
        Assert.True(codec.TryEncode(message, out byte[]? frame));
        Jt808DecodeResult result = codec.TryDecode(frame!, 0, frame!.Length, out Jt808Message? decoded);
        Assert.NotNull(decoded);
        Assert.True(codec.TryEncode(decoded, out byte[]? again));
        Assert.Equal(Hex.Of(frame), Hex.Of(again!));
        return (result, decoded, frame);
    }

    /// <summary>Round-trips <paramref name="body"/> in a message from phone 013912345678, which must decode <see cref="Jt808DecodeResult.Ok"/>.</summary>
    public static Jt808Message Ok(int id, bool v2019, Jt808Body body, int sequence)
    {
        (Jt808DecodeResult result, Jt808Message decoded, _) = Run(new Jt808Message { Header = Jt808Header.Create(id, "013912345678", sequence, v2019), Body = body });
        Assert.Equal(Jt808DecodeResult.Ok, result);
        return decoded;
    }
}
