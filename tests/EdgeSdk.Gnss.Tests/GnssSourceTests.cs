namespace EdgeSdk.Gnss.Tests;

public class GnssSourceTests
{
    [Theory]
    [InlineData("serial:/dev/ttyUSB0?baud=9600", typeof(SerialGnssSource), "serial /dev/ttyUSB0 at 9600 baud")]
    [InlineData("serial:/dev/ttyS1?baud=115200", typeof(SerialGnssSource), "serial /dev/ttyS1 at 115200 baud")]
    [InlineData("serial:/dev/ttyACM0?baud=auto", typeof(SerialGnssSource), "serial /dev/ttyACM0 (baud=auto, 9600)")]
    [InlineData("/dev/ttyAMA0", typeof(SerialGnssSource), "serial /dev/ttyAMA0 at 9600 baud")]
    [InlineData("tcp://192.168.1.5:10110", typeof(TcpGnssSource), "tcp://192.168.1.5:10110")]
    [InlineData("udp://:10110", typeof(UdpGnssSource), "udp://:10110")]
    [InlineData("-", typeof(StreamGnssSource), "stdin")]
    public void Parse_makes_the_source_the_uri_names(string uri, Type type, string name)
    {
        GnssSource source = GnssSource.Parse(uri);
        Assert.IsType(type, source);
        Assert.Equal(name, source.Name);
    }

    [Theory]
    [InlineData("serial:/dev/ttyUSB0?baud=fast", "baud must be a number or 'auto'")]
    [InlineData("tcp://host", "needs a port number")]
    [InlineData("tcp://:2947", "needs a host")]
    [InlineData("udp://:70000", "needs a port number")]
    [InlineData("ftp://host:21", "unknown source")]
    public void Parse_rejects_malformed_uris_with_a_message(string uri, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => GnssSource.Parse(uri));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public async Task A_missing_serial_port_is_one_clear_io_error_naming_it()
    {
        await using GnssSource source = GnssSource.Parse("serial:/dev/ttyEDGESDK404?baud=9600");
        var ex = await Assert.ThrowsAsync<IOException>(async () => await source.OpenAsync(CancellationToken.None));
        Assert.StartsWith("serial port /dev/ttyEDGESDK404 does not exist", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("file:")]
    public void A_file_path_or_file_uri_is_a_stream_source(string prefix)
    {
        string path = Path.GetTempFileName();
        try
        {
            GnssSource source = GnssSource.Parse(prefix + path);
            Assert.IsType<StreamGnssSource>(source);
            Assert.Equal("file " + path, source.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_one_clear_io_error_naming_it_when_the_source_is_parsed()
    {
        // Reported at once, not when the first reader or gpsd client arrives.
        var ex = Assert.Throws<IOException>(() => GnssSource.Parse("/no/such/drive.nmea"));
        Assert.Equal("file '/no/such/drive.nmea' does not exist", ex.Message);
    }

    [Fact]
    public void Casic_commands_are_the_documented_pcas_sentences()
    {
        IReadOnlyList<byte[]> commands = CasicCommandSet.Instance.Encode(new ReceiverSettings
        {
            UpdateRateHz = 5,
            Constellations = GnssConstellations.Gps | GnssConstellations.Beidou,
            SaveToFlash = true,
            BaudRate = 115200,
        });
        Assert.Equal(
            ["$PCAS02,200*1D\r\n", "$PCAS04,3*1A\r\n", "$PCAS00*01\r\n", "$PCAS01,5*19\r\n"],
            commands.Select(c => System.Text.Encoding.ASCII.GetString(c)));
    }

    [Theory]
    [InlineData(3, null, null, "1, 2, 4, 5 or 10 Hz")]
    [InlineData(null, GnssConstellations.Galileo, null, "GPS, BeiDou and GLONASS only")]
    [InlineData(null, null, 14400, "not 14400")]
    public void Casic_rejects_what_the_modules_cannot_do(int? hz, GnssConstellations? systems, int? baud, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => CasicCommandSet.Instance.Encode(new ReceiverSettings { UpdateRateHz = hz, Constellations = systems, BaudRate = baud }));
        Assert.Contains(message, ex.Message);
    }
}
