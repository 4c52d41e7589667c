namespace EdgeSdk.Jt808.Tests;

/// <summary>Bad frames are refused with the right reason and counted; nothing throws.</summary>
public class BadInputTests
{
    // V1 of the vectors (SmallChi/JT808 README): 0x0200, phone 123456789012, seq 126 (escaped 7D02), BCC 0x13.
    private const string V1 = "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E";

    /// <summary>Builds a frame from unescaped header+body hex, with a BCC computed here (not by the codec under test).</summary>
    private static byte[] Frame(string contentHex, int bccDelta = 0)
    {
        byte[] content = Hex.Parse(contentHex);
        byte bcc = (byte)(content.Aggregate(0, (x, b) => x ^ b) ^ bccDelta);
        var output = new List<byte> { 0x7E };
        foreach (byte b in content.Append(bcc))
        {
            if (b is 0x7E or 0x7D)
            {
                output.Add(0x7D);
                output.Add(b == 0x7E ? (byte)0x02 : (byte)0x01);
            }
            else
            {
                output.Add(b);
            }
        }

        output.Add(0x7E);
        return output.ToArray();
    }

    private static Jt808DecodeResult Decode(Jt808Codec codec, byte[] frame, out Jt808Message? message) => codec.TryDecode(frame, 0, frame.Length, out message);

    [Theory]
    [InlineData("7E7E", Jt808DecodeResult.Truncated)]
    [InlineData("7E", Jt808DecodeResult.Truncated)]
    [InlineData("", Jt808DecodeResult.Truncated)]
    [InlineData("7E0200002612345678907E", Jt808DecodeResult.Truncated)]
    [InlineData("02000026123456789012007D02000000017E", Jt808DecodeResult.MissingFlag)]
    [InlineData("7E0200002612345678901200", Jt808DecodeResult.MissingFlag)]
    [InlineData("7E02000026123456789012007D03000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E", Jt808DecodeResult.BadEscape)]
    [InlineData("7E02000026123456789012007E000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E", Jt808DecodeResult.BadEscape)]
    [InlineData("7E0002000004002167928700 2B7D7E", Jt808DecodeResult.BadEscape)]
    [InlineData("7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01147E", Jt808DecodeResult.WrongChecksum)]
    public void Refused_frames_name_the_reason(string hex, Jt808DecodeResult expected)
    {
        var codec = new Jt808Codec();
        Assert.Equal(expected, Decode(codec, Hex.Parse(hex), out Jt808Message? message));
        Assert.Null(message);
        Assert.Equal(1, codec.Statistics.Count(expected));
        Assert.Equal(1, codec.Statistics.Total);
    }

    [Fact]
    public void Body_length_mismatch_is_refused_in_both_directions()
    {
        var codec = new Jt808Codec();
        // Heartbeat whose attributes claim a 1-byte body but carries none, and one claiming none but carrying 2 bytes.
        Assert.Equal(Jt808DecodeResult.BodyLengthMismatch, Decode(codec, Frame("00020002" + "040021679287002B" + "AA"), out _));
        Assert.Equal(Jt808DecodeResult.BodyLengthMismatch, Decode(codec, Frame("00020000" + "040021679287002B" + "AABB"), out _));
        Assert.Equal(2, codec.Statistics.Count(Jt808DecodeResult.BodyLengthMismatch));
    }

    [Fact]
    public void Unknown_message_id_keeps_the_body_raw_and_re_encodes_it_identically()
    {
        var codec = new Jt808Codec();
        byte[] frame = Frame("09000003" + "013912345678" + "0005" + "7E0102");
        Assert.Equal(Jt808DecodeResult.UnknownMessageId, Decode(codec, frame, out Jt808Message? message));
        Assert.NotNull(message);
        Assert.Null(message.Body);
        Assert.Equal("7E0102", Hex.Of(message.BodyBytes));
        Assert.Equal(0x0900, message.Header.MessageId);
        Assert.True(codec.TryEncode(message, out byte[]? again));
        Assert.Equal(Hex.Of(frame), Hex.Of(again!));
        Assert.Equal(1, codec.Statistics.Count(Jt808DecodeResult.UnknownMessageId));
    }

    [Theory]
    [InlineData("0200000A" + "013912345678" + "0001" + "00000000000000000000")] // location report shorter than its 28 fixed bytes
    [InlineData("0200001E" + "013912345678" + "0001" + "00000000000000000000000000000000000000000000000000000000" + "0105")] // item claims 5 bytes, none follow
    [InlineData("00020001" + "013912345678" + "0001" + "00")] // heartbeat with a body
    [InlineData("00010004" + "013912345678" + "0001" + "00010002")] // general response one byte short
    [InlineData("07040003" + "013912345678" + "0001" + "000201")] // batch claiming 2 reports, holding none
    public void Malformed_bodies_are_counted_and_kept_raw(string content)
    {
        var codec = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.BodyMalformed, Decode(codec, Frame(content), out Jt808Message? message));
        Assert.NotNull(message);
        Assert.Null(message.Body);
        Assert.Equal(message.Header.BodyLength, message.BodyBytes.Length);
        Assert.Equal(1, codec.Statistics.Count(Jt808DecodeResult.BodyMalformed));
    }

    [Fact]
    public void A_frame_longer_than_the_standard_allows_is_refused()
    {
        byte[] frame = new byte[1100];
        frame[0] = 0x7E;
        frame[^1] = 0x7E;
        var codec = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.TooLong, Decode(codec, frame, out _));
    }

    [Fact]
    public void Ignoring_the_checksum_decodes_and_flags_the_frame()
    {
        var codec = new Jt808Codec { VerifyChecksum = false };
        byte[] frame = Hex.Parse(V1.Replace("7D01137E", "7D01147E", StringComparison.Ordinal));
        Assert.Equal(Jt808DecodeResult.Ok, Decode(codec, frame, out Jt808Message? message));
        Assert.False(message!.ChecksumOk);
        Assert.Equal(0x14, message.Checksum);
        Assert.Equal(1, codec.Statistics.ChecksumIgnored);
        Assert.Equal(12.222222, Assert.IsType<Jt808LocationReport>(message.Body).LatitudeDegrees, 9);
    }

    [Fact]
    public void Lenient_escapes_keep_the_escape_byte_and_count_it()
    {
        // 0x7D 0x03 inside the body of an unknown message: kept as the two bytes 7D 03.
        byte[] content = Hex.Parse("09000002" + "013912345678" + "0005" + "7D03");
        byte bcc = content.Aggregate((byte)0, (x, b) => (byte)(x ^ b));
        byte[] frame = [0x7E, .. content, bcc, 0x7E];
        var strict = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.BadEscape, Decode(strict, frame, out _));
        var lenient = new Jt808Codec { StrictEscapes = false };
        Assert.Equal(Jt808DecodeResult.UnknownMessageId, Decode(lenient, frame, out Jt808Message? message));
        Assert.Equal("7D03", Hex.Of(message!.BodyBytes));
        Assert.Equal(1, lenient.Statistics.EscapesIgnored);
    }

    [Fact]
    public void A_2013_header_with_the_version_flag_set_is_decoded_with_the_2013_layout_and_counted()
    {
        Jt808Vector v3 = Jt808Vector.Load().Single(v => v.Name == "V3");
        byte[] frame = Hex.Parse(v3.Hex);
        var codec = new Jt808Codec();
        Assert.Equal(Jt808DecodeResult.Ok, Decode(codec, frame, out Jt808Message? message));
        Assert.True(message!.Header.VersionFlag);
        Assert.False(message.Header.Is2019Layout);
        Assert.Equal(1, codec.Statistics.VersionFlagWith2013Header);
    }

    [Fact]
    public void Every_prefix_and_ten_thousand_mutations_of_the_vectors_never_throw_and_are_all_counted()
    {
        var codec = new Jt808Codec();
        var random = new Random(808);
        long frames = 0;
        long decoded = 0;
        foreach (Jt808Vector vector in Jt808Vector.Load())
        {
            byte[] original = Hex.Parse(vector.Hex);
            for (int length = 0; length < original.Length; length++)
            {
                Assert.NotEqual(Jt808DecodeResult.Ok, codec.TryDecode(original, 0, length, out _));
                frames++;
            }

            for (int i = 0; i < 10_000 / 6; i++)
            {
                byte[] mutated = (byte[])original.Clone();
                int flips = 1 + random.Next(3);
                for (int f = 0; f < flips; f++)
                {
                    mutated[1 + random.Next(mutated.Length - 2)] = (byte)random.Next(256);
                }

                if (codec.TryDecode(mutated, 0, mutated.Length, out Jt808Message? message) <= Jt808DecodeResult.BodyMalformed)
                {
                    decoded++;
                    Assert.True(codec.TryEncode(message!, out _)); // whatever decoded also encodes
                }

                frames++;
            }
        }

        Assert.Equal(frames, codec.Statistics.Total);
        Assert.True(decoded < frames);
    }
}
