namespace EdgeSdk.Jt808.Tests;

public class SubpackageAssemblerTests
{
    /// <summary>Splits <paramref name="body"/> into frames of at most <paramref name="size"/> bytes with consecutive sequence numbers, and decodes each back.</summary>
    private static Jt808Message[] Split(int messageId, byte[] body, int size, int firstSequence, bool v2019, string phone = "013912345678")
    {
        var codec = new Jt808Codec();
        int count = (body.Length + size - 1) / size;
        var packages = new Jt808Message[count];
        for (int i = 0; i < count; i++)
        {
            var message = new Jt808Message
            {
                Header = Jt808Header.Create(messageId, phone, firstSequence + i, v2019),
                BodyBytes = body.Skip(i * size).Take(size).ToArray(),
            };
            message.Header.IsSubpackage = true;
            message.Header.PackageCount = count;
            message.Header.PackageIndex = i + 1;
            Assert.True(codec.TryEncode(message, out byte[]? frame));
            Assert.Equal(Jt808DecodeResult.UnknownMessageId, codec.TryDecode(frame!, 0, frame!.Length, out Jt808Message? decoded));
            packages[i] = decoded!;
        }

        return packages;
    }

    [Fact]
    public void Packages_out_of_order_join_into_the_decoded_message()
    {
        var batch = new Jt808LocationBatch { BatchType = Jt808LocationBatch.TypeBlindArea, Reports = Enumerable.Range(0, 12).Select(_ => RoundTripTests.SampleReport()).ToArray() };
        var writer = new Jt808Writer(16);
        batch.Encode(writer, false);
        byte[] body = writer.ToArray();
        Jt808Message[] packages = Split(Jt808MessageIds.LocationBatch, body, 400, 65534, false); // sequence wraps 65535 -> 0
        Assert.True(packages.Length >= 3);

        var assembler = new Jt808SubpackageAssembler(4, 16);
        Jt808Message? complete = null;
        foreach (int i in Enumerable.Range(0, packages.Length).Reverse())
        {
            Jt808AssembleResult result = assembler.TryAdd(packages[i], out complete);
            Assert.Equal(i == 0 ? Jt808AssembleResult.Complete : Jt808AssembleResult.Pending, result);
        }

        Assert.NotNull(complete);
        Assert.False(complete.Header.IsSubpackage);
        Assert.Equal(65534, complete.Header.SequenceNumber);
        Assert.Equal(body.Length, complete.Header.BodyLength);
        Assert.Equal(Hex.Of(body), Hex.Of(complete.BodyBytes));
        var joined = Assert.IsType<Jt808LocationBatch>(complete.Body);
        Assert.Equal(12, joined.Reports.Length);
        Assert.Equal(-29.563009, joined.Reports[11].LatitudeDegrees, 9);
        Assert.Equal(1, assembler.MessagesCompleted);
    }

    [Fact]
    public void Duplicates_invalid_indexes_and_non_subpackages_are_told_apart_and_counted()
    {
        Jt808Message[] packages = Split(0x0801, new byte[30], 10, 100, true);
        var assembler = new Jt808SubpackageAssembler(2, 3);
        Assert.Equal(Jt808AssembleResult.Pending, assembler.TryAdd(packages[0], out _));
        Assert.Equal(Jt808AssembleResult.Duplicate, assembler.TryAdd(packages[0], out _));
        Jt808Message bad = packages[1];
        bad.Header.PackageIndex = 4;
        Assert.Equal(Jt808AssembleResult.Invalid, assembler.TryAdd(bad, out _));
        Jt808Message[] tooMany = Split(0x0801, new byte[40], 10, 200, true);
        Assert.Equal(Jt808AssembleResult.Invalid, assembler.TryAdd(tooMany[0], out _)); // 4 packages > limit 3
        var plain = new Jt808Message { Header = Jt808Header.Create(0x0002, "1", 1, false) };
        Assert.Equal(Jt808AssembleResult.NotSubpackage, assembler.TryAdd(plain, out Jt808Message? none));
        Assert.Null(none);
        Assert.Equal((1, 2), (assembler.PackagesDuplicate, assembler.PackagesInvalid));
    }

    [Fact]
    public void When_full_the_oldest_incomplete_message_is_evicted_and_counted()
    {
        var assembler = new Jt808SubpackageAssembler(2, 8);
        Jt808Message[] a = Split(0x0801, new byte[20], 10, 10, false, "000000000001");
        Jt808Message[] b = Split(0x0801, new byte[20], 10, 10, false, "000000000002");
        Jt808Message[] c = Split(0x0801, new byte[20], 10, 10, false, "000000000003");
        Assert.Equal(Jt808AssembleResult.Pending, assembler.TryAdd(a[0], out _));
        Assert.Equal(Jt808AssembleResult.Pending, assembler.TryAdd(b[0], out _));
        Assert.Equal(Jt808AssembleResult.Pending, assembler.TryAdd(c[0], out _)); // evicts a
        Assert.Equal(1, assembler.MessagesEvicted);
        Assert.Equal(Jt808AssembleResult.Complete, assembler.TryAdd(b[1], out Jt808Message? done));
        Assert.Equal("000000000002", done!.Header.Phone);
        Assert.Equal(Jt808AssembleResult.Pending, assembler.TryAdd(a[1], out _)); // a starts again from package 2
        Assert.Equal(Jt808AssembleResult.Complete, assembler.TryAdd(c[1], out _));
    }
}
