namespace EdgeSdk.Gnss.Tests;

/// <summary>Plain paths that name a serial port without <c>serial:</c>, and paths that name no source at all.</summary>
public sealed class GnssSourceDevicePathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgesdk-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("/dev/serial0")] // a Raspberry Pi's UART: a link to ttyAMA0 or ttyS0, or missing
    [InlineData("/dev/gps0")] // a udev rule's name
    [InlineData("/dev/ttyEDGESDK404")]
    public void A_path_in_dev_is_a_serial_port_at_9600_baud_whether_or_not_it_exists(string path)
    {
        GnssSource source = GnssSource.Parse(path);
        Assert.IsType<SerialGnssSource>(source);
        Assert.Equal($"serial {path} at 9600 baud", source.Name);
    }

    [Fact]
    public async Task A_missing_dev_path_says_serial_port_not_file()
    {
        await using GnssSource source = GnssSource.Parse("/dev/serial-edgesdk-404");
        var ex = await Assert.ThrowsAsync<IOException>(async () => await source.OpenAsync(CancellationToken.None));
        Assert.StartsWith("serial port /dev/serial-edgesdk-404 does not exist — check the cable and the name", ex.Message);
    }

    [Fact]
    public void A_link_into_dev_is_a_serial_port()
    {
        // As `edgesdk sim --out pty:/tmp/gnss0` makes, or a udev symlink elsewhere.
        string link = Path.Combine(_folder, "gnss0");
        File.CreateSymbolicLink(link, "/dev/null");
        GnssSource source = GnssSource.Parse(link);
        Assert.IsType<SerialGnssSource>(source);
        Assert.Equal($"serial {link} at 9600 baud", source.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("file:")]
    public void A_directory_is_refused_with_a_message_saying_so(string prefix)
    {
        var ex = Assert.Throws<IOException>(() => GnssSource.Parse(prefix + _folder));
        Assert.Equal($"'{_folder}' is a directory, not a capture file or a serial port: give a file, serial:/dev/ttyUSB0?baud=9600, or - for stdin", ex.Message);
    }
}
