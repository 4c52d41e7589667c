using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>
/// A proprietary decoder written as a user would, with the same accessors the built-in decoders use:
/// Quectel's <c>$PQTMEPE</c> (estimated position error: msgver, north, east, down, 2D, 3D, meters).
/// </summary>
public class ProprietaryDecoderTests
{
    private sealed class PqtmEpeSentence : NmeaTypedSentence
    {
        public int Version { get; private set; } = -1;

        public double NorthErrorMeters { get; private set; } = double.NaN;

        public double EastErrorMeters { get; private set; } = double.NaN;

        public double DownErrorMeters { get; private set; } = double.NaN;

        public double HorizontalErrorMeters { get; private set; } = double.NaN;

        public double ErrorMeters3D { get; private set; } = double.NaN;

        public override NmeaSentenceType Type => NmeaSentenceType.Proprietary;

        protected override int MinimumFieldCount => 6;

        protected override void Read(NmeaSentence s)
        {
            Version = ReadInt(s, 1, -1);
            NorthErrorMeters = ReadDouble(s, 2);
            EastErrorMeters = ReadDouble(s, 3);
            DownErrorMeters = ReadDouble(s, 4);
            HorizontalErrorMeters = ReadDouble(s, 5);
            ErrorMeters3D = ReadDouble(s, 6);
        }

        protected override void Write(NmeaWriter w)
        {
            w.Begin("PQTMEPE");
            w.FieldOrEmpty(Version, 1);
            w.Field(NorthErrorMeters, 3);
            w.Field(EastErrorMeters, 3);
            w.Field(DownErrorMeters, 3);
            w.Field(HorizontalErrorMeters, 3);
            w.Field(ErrorMeters3D, 3);
        }
    }

    private static (NmeaSentenceType Type, NmeaParser Parser, PqtmEpeSentence Epe) Read(string sentence)
    {
        var epe = new PqtmEpeSentence();
        var parser = new NmeaParser();
        Assert.True(parser.RegisterProprietary("PQTMEPE", epe));
        byte[] bytes = Encoding.ASCII.GetBytes(NmeaChecksum.Append(sentence) + "\r\n");
        parser.Feed(bytes, 0, bytes.Length);
        parser.Complete();
        return (parser.Read(), parser, epe);
    }

    [Fact]
    public void A_user_decoder_reads_its_fields_with_the_built_in_accessors()
    {
        (NmeaSentenceType type, NmeaParser parser, PqtmEpeSentence epe) = Read("$PQTMEPE,2,1.234,1.456,2.345,3.456,4.567");
        Assert.Equal(NmeaSentenceType.Proprietary, type);
        Assert.Same(epe, parser.Current);
        Assert.Equal((2, 1.234, 1.456, 2.345, 3.456, 4.567), (epe.Version, epe.NorthErrorMeters, epe.EastErrorMeters, epe.DownErrorMeters, epe.HorizontalErrorMeters, epe.ErrorMeters3D));

        // Encoding back gives the same sentence.
        var writer = new NmeaWriter();
        int length = epe.Encode(writer);
        Assert.Equal(NmeaChecksum.Append("$PQTMEPE,2,1.234,1.456,2.345,3.456,4.567") + "\r\n", Encoding.ASCII.GetString(writer.Buffer, 0, length));
    }

    [Fact]
    public void An_empty_field_is_absent_and_an_unreadable_one_rejects_the_sentence_as_the_built_in_ones_do()
    {
        (NmeaSentenceType type, _, PqtmEpeSentence epe) = Read("$PQTMEPE,2,,1.456,2.345,3.456,4.567");
        Assert.Equal(NmeaSentenceType.Proprietary, type);
        Assert.True(double.IsNaN(epe.NorthErrorMeters));
        Assert.Equal(1.456, epe.EastErrorMeters);

        (type, NmeaParser parser, _) = Read("$PQTMEPE,2,1.2x4,1.456,2.345,3.456,4.567");
        Assert.Equal(NmeaSentenceType.None, type);
        Assert.Equal(NmeaRejectReason.InvalidField, parser.LastRejectReason);

        // The built-in RMC decoder goes the same way on the same kind of fault.
        var rmc = new NmeaParser();
        byte[] bytes = Encoding.ASCII.GetBytes(NmeaChecksum.Append("$GNRMC,105153.00,A,3958.0x0,N,11620.000,E,0.0,0.0,010526,,,A") + "\r\n");
        rmc.Feed(bytes, 0, bytes.Length);
        rmc.Complete();
        Assert.Equal(NmeaSentenceType.None, rmc.Read());
        Assert.Equal(NmeaRejectReason.InvalidField, rmc.LastRejectReason);
    }

    [Fact]
    public void The_raw_accessors_say_false_for_empty_and_unreadable_fields()
    {
        Assert.True(NmeaSentence.TryParse(NmeaChecksum.Append("$PQTMEPE,2,,x,2.345,3.456,4.567"), out NmeaSentence? s));
        Assert.True(s.TryGetInt32(1, out int version));
        Assert.Equal(2, version);
        Assert.False(s.TryGetDouble(2, out double empty));
        Assert.True(double.IsNaN(empty));
        Assert.False(s.TryGetDouble(3, out double bad));
        Assert.True(double.IsNaN(bad));
        Assert.False(s.TryGetChar(4, out char c)); // "2.345" is not one character
        Assert.Equal('\0', c);
        var text = new NmeaText(64);
        Assert.True(s.TryGetRest(4, text));
        Assert.Equal("2.345,3.456,4.567", text.ToString());
    }
}
