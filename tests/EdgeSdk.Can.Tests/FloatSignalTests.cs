using System.Buffers.Binary;

namespace EdgeSdk.Can.Tests;

public class FloatSignalTests
{
    [Fact]
    public void Float_and_double_signals_decode_their_ieee_bits()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanMessage fd = db.FindMessage("FdBattery")!;
        Assert.Equal(CanSignalValueType.WholeNumber, fd.Signals[0].ValueType); // 16 bits cannot be a float: warned, integer
        Assert.Equal(CanSignalValueType.IeeeSingle, fd.Signals[2].ValueType);
        Assert.Equal(CanSignalValueType.IeeeDouble, fd.Signals[3].ValueType);

        byte[] data = new byte[64];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(0), -1234.5f);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), 12345678.0);
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(1024, false, data, 0, 64, r));
        Assert.Equal(-1234.5, r.PhysicalValues[2]);
        Assert.Equal(12345678.0 * 0.001, r.PhysicalValues[3]);

        var encoder = new CanEncoder(4);
        byte[] encoded = new byte[64];
        Assert.Equal(CanEncodeStatus.Encoded, encoder.TryEncode(fd, [0, 0, 3.25e-3, 42.5], encoded, 0));
        Assert.Equal(3.25e-3f, BinaryPrimitives.ReadSingleLittleEndian(encoded.AsSpan(0)));
        Assert.Equal(42.5 / 0.001, BinaryPrimitives.ReadDoubleLittleEndian(encoded.AsSpan(8)), 1e-9);
    }

    [Fact]
    public void Single_to_double_widening_matches_the_runtime_for_every_kind_of_float()
    {
        var random = new Random(32);
        var cases = new List<uint> { 0, 0x80000000, 1, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x7FC00000, 0x80000001 };
        for (int i = 0; i < 200_000; i++)
        {
            cases.Add((uint)random.NextInt64(0, 1L << 32));
        }

        foreach (uint bits in cases)
        {
            double expected = BitConverter.Int32BitsToSingle((int)bits);
            long widened = CanSignalCodec.SingleBitsToDoubleBits(bits);
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(BitConverter.Int64BitsToDouble(widened)), $"{bits:X8}");
            }
            else
            {
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == widened, $"{bits:X8}");
            }
        }

        // And back: encoding a float signal writes the runtime's own float bits.
        var signal = new CanSignal("F", 0, 32, CanByteOrder.Intel, false, 1, 0, 0, 0, "", [], false, "", [], [], [], "", [], CanSignalValueType.IeeeSingle);
        foreach (uint bits in cases)
        {
            float f = BitConverter.Int32BitsToSingle((int)bits);
            if (float.IsNaN(f))
            {
                continue;
            }

            Assert.True(CanSignalCodec.TryToRaw(signal, f, out long raw));
            Assert.True((uint)raw == bits, $"{bits:X8} → {(uint)raw:X8}");
        }
    }
}
