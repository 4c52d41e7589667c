namespace EdgeSdk.Cli.Tests;

public class FixesCommandTests
{
    // One epoch of gpsd's tcp-torture.log (BSD-2-Clause, the GPSD project).
    internal const string Epoch =
        "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7D\r\n" +
        "$GPGSA,A,3,10,28,09,13,,,,,,,,,03.4,01.7,03.0*00\r\n" +
        "$GPGSV,3,1,12,28,14,150,41,09,15,254,41,10,43,192,47,13,06,081,36*7A\r\n" +
        "$GPGSV,3,2,12,02,56,323,,04,41,024,,12,31,317,,17,31,085,*72\r\n" +
        "$GPGSV,3,3,12,05,15,318,,24,02,246,,33,08,096,,35,45,118,*7D\r\n" +
        "$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D\r\n";

    [Fact]
    public async Task Fixes_prints_one_tpv_and_one_sky_line_per_epoch_from_a_file()
    {
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Epoch);
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"fixes {file}");
            Assert.Equal(0, result.ExitCode);
            string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Equal(
                "{\"class\":\"TPV\",\"mode\":3,\"time\":\"2007-12-23T19:32:21.000Z\",\"lat\":20.628798333,\"lon\":-87.068080000," +
                "\"altHAE\":-44.3000,\"altMSL\":-30.4000,\"alt\":-30.4000,\"track\":201.8000,\"speed\":0.051,\"geoidSep\":-13.900}",
                lines[0]);
            Assert.StartsWith("{\"class\":\"SKY\",\"time\":\"2007-12-23T19:32:21.000Z\",\"hdop\":1.70,\"pdop\":3.40,\"vdop\":3.00,\"nSat\":12,\"uSat\":4,", lines[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Fixes_reads_stdin_by_default()
    {
        var result = await EdgeSdkProcess.RunAsync("fixes", stdin: Epoch + Epoch.Replace("193221", "193222", StringComparison.Ordinal));
        // The second epoch's checksums no longer match: it is rejected, counted, and no fix is invented.
        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("{\"class\":\"TPV\"", StringComparison.Ordinal));
        Assert.Contains("2 rejected", result.StdErr);
    }

    [Fact]
    public async Task A_missing_serial_port_is_one_line_naming_it_and_a_non_zero_exit()
    {
        var result = await EdgeSdkProcess.RunAsync("fixes serial:/dev/ttyEDGESDK404?baud=9600");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("edgesdk: serial port /dev/ttyEDGESDK404 does not exist — check the cable and the name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial0)", result.StdErr.Trim());
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task A_file_that_is_not_nmea_says_so_and_exits_non_zero()
    {
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "<html><body>not a GNSS log</body></html>\n");
        try
        {
            var result = await EdgeSdkProcess.RunAsync($"fixes {file}");
            Assert.Equal(1, result.ExitCode);
            Assert.Empty(result.StdOut);
            Assert.Contains($"no valid sentences in file {file} (41 bytes read, 40 ignored, 0 rejected) — is it NMEA?", result.StdErr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
