using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace EdgeSdk.Can.Tests;

public class CanJsonTests
{
    [Fact]
    public void Writes_time_id_message_and_present_signals_with_non_finite_floats_as_null()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        byte[] data = new byte[64];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(0), float.NaN);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), double.PositiveInfinity);
        data[60] = 0x10;
        data[61] = 0x0E;
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(1024, false, data, 0, 64, r));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            CanJson.WriteFrame(json, 1700000000_000001, r);
        }

        Assert.Equal(
            """{"time":1700000000.000001,"id":1024,"message":"FdBattery","signals":{"CellVoltage60":3.6,"PackCurrent":0,"PackPower":null,"Energy":null}}""",
            Encoding.UTF8.GetString(stream.ToArray()));
    }
}
