namespace EdgeSdk.Nmea.Tests;

public class NmeaWriterTests
{
    [Fact]
    public void Writes_a_GGA_sentence_with_the_checksum_a_receiver_would_send()
    {
        // $GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47 is the textbook GGA.
        var w = new NmeaWriter();
        w.Begin("GP", "GGA");
        w.Time(12, 35, 19, 0, 0);
        w.Latitude(48 + (7.038 / 60), 3);
        w.Longitude(11 + (31.0 / 60), 3);
        w.Field(1);
        w.FieldPadded(8, 2);
        w.Field(0.9, 1);
        w.Field(545.4, 1);
        w.Field('M');
        w.Field(46.9, 1);
        w.Field('M');
        w.Empty();
        w.Empty();
        int length = w.End();

        Assert.Equal("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n", w.ToString());
        Assert.Equal(w.ToString().Length, length);
    }

    [Theory]
    [InlineData(29.56300001, 4, "2933.7800,N")]
    [InlineData(-33.999999999, 4, "3400.0000,S")] // rounding carries 59.99999' into the degree
    [InlineData(0.0, 2, "0000.00,N")]
    public void Latitude_is_degrees_and_minutes_rounded_once(double degrees, int decimals, string expected)
    {
        var w = new NmeaWriter();
        w.Begin("GP", "GLL");
        w.Latitude(degrees, decimals);
        Assert.Equal("$GPGLL," + expected, w.ToString());
    }

    [Fact]
    public void Hex_fields_and_negative_fixed_numbers()
    {
        var w = new NmeaWriter();
        w.Begin("GN", "GSV");
        w.FieldHex(11);
        w.Field(-3.25, 1);
        w.Field(-0.04, 1);
        Assert.Equal("$GNGSV,B,-3.3,0.0", w.ToString());
    }

    [Fact]
    public void A_sentence_larger_than_the_buffer_is_discarded_not_thrown()
    {
        var w = new NmeaWriter(16);
        w.Begin("GP", "TXT");
        w.Field("this text is far too long for sixteen bytes");
        Assert.Equal(0, w.End());
        Assert.True(w.Overflowed);
    }
}
