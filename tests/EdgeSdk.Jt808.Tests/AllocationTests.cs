namespace EdgeSdk.Jt808.Tests;

/// <summary>Bytes allocated per decoded frame, measured on the code path after warm-up (not timed).</summary>
public class AllocationTests
{
    private const string V1 = "7E02000026123456789012007D02000000010000000200BA7F0E07E4F11C0028003C00001810151010100104000000640202007D01137E";

    private static long BytesPerDecode(Jt808Codec codec, byte[] frame, int rounds)
    {
        for (int i = 0; i < 100; i++)
        {
            codec.TryDecode(frame, 0, frame.Length, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rounds; i++)
        {
            codec.TryDecode(frame, 0, frame.Length, out _);
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / rounds;
    }

    [Fact]
    public void Decoding_v1_allocates_only_the_message_it_returns()
    {
        // Message, header, body copy, report, time, 2 items and their values: 432 B on x64 (664 B before the phone string
        // was reused per connection and the throw-away default header, time and empty arrays were dropped).
        long perFrame = BytesPerDecode(new Jt808Codec(), Hex.Parse(V1), 1000);
        Assert.True(perFrame <= 432, $"{perFrame} B per frame");
    }

    [Fact]
    public void The_reused_phone_string_follows_the_phone_in_each_frame()
    {
        var codec = new Jt808Codec();
        string[] phones = ["013800000001", "013800000001", "013800000002", "00000000013800000002", "00000000013800000002", "013800000001"];
        var decoded = new List<string>();
        for (int i = 0; i < phones.Length; i++)
        {
            bool v2019 = phones[i].Length == 20;
            var message = new Jt808Message { Header = Jt808Header.Create(Jt808MessageIds.Heartbeat, phones[i], i, v2019), Body = Jt808EmptyBody.Instance };
            Assert.True(codec.TryEncode(message, out byte[]? frame));
            Assert.Equal(Jt808DecodeResult.Ok, codec.TryDecode(frame!, 0, frame!.Length, out Jt808Message? back));
            decoded.Add(back!.Header.Phone);
        }

        Assert.Equal(phones, decoded);
    }
}
