using System.Text;

namespace EdgeSdk.Nmea.Tests;

public class CasicTests
{
    private static string Text(NmeaWriter w, int n) => Encoding.ASCII.GetString(w.Buffer, 0, n);

    [Fact]
    public void Configuration_commands_match_the_casic_manual()
    {
        var w = new NmeaWriter();
        Assert.Equal("$PCAS01,5*19\r\n", Text(w, CasicCommands.SetBaudRate(w, 115200)));
        Assert.Equal("$PCAS02,1000*2E\r\n", Text(w, CasicCommands.SetUpdateInterval(w, 1000)));
        Assert.Equal("$PCAS04,3*1A\r\n", Text(w, CasicCommands.SetConstellations(w, gps: true, beidou: true, glonass: false)));
        Assert.Equal("$PCAS10,0*1C\r\n", Text(w, CasicCommands.Restart(w, CasicRestart.Hot)));
        Assert.Equal("$PCAS03,1,0,1,1,1,1,1,1,0,0,,,0,0,,,,0*", Text(w, CasicCommands.SetOutputRates(w, 1, 0, 1, 1, 1, 1, 1, 1, 0))[..^4]);
    }

    [Fact]
    public void Arguments_without_a_casic_encoding_write_nothing()
    {
        var w = new NmeaWriter();
        Assert.Equal(0, CasicCommands.SetBaudRate(w, 14400));
        Assert.Equal(0, CasicCommands.SetUpdateInterval(w, 300));
        Assert.Equal(0, CasicCommands.SetConstellations(w, false, false, false));
        Assert.Equal(0, CasicCommands.SetOutputRates(w, 10, 0, 0, 0, 0, 0, 0, 0, 0));
        Assert.Equal(0, CasicCommands.Restart(w, (CasicRestart)7));
    }

    [Fact]
    public void A_registered_decoder_receives_the_commands_a_receiver_is_sent()
    {
        var w = new NmeaWriter();
        var bytes = new List<byte>();
        void Add(int n) => bytes.AddRange(w.Buffer.Take(n));
        Add(CasicCommands.SetBaudRate(w, 9600));
        Add(CasicCommands.SetConstellations(w, gps: false, beidou: true, glonass: false));
        Add(CasicCommands.SetOutputRates(w, 1, 0, 1, 1, 1, 0, 0, 1, 0));
        Add(CasicCommands.Restart(w, CasicRestart.Cold));

        var parser = new NmeaParser();
        var command = new CasicCommand();
        foreach (string address in new[] { "PCAS01", "PCAS03", "PCAS04", "PCAS10" })
        {
            Assert.True(parser.RegisterProprietary(address, command));
        }

        byte[] data = bytes.ToArray();
        parser.Feed(data, 0, data.Length);
        var seen = new List<(int, int, int)>();
        while (parser.Read() == NmeaSentenceType.Proprietary)
        {
            Assert.Same(command, parser.Current);
            seen.Add((command.Number, command.ArgumentCount, command.GetArgument(0)));
        }

        Assert.Equal(new[] { (1, 1, 1), (4, 1, 2), (3, 18, 1), (10, 1, 2) }, seen);
        Assert.Equal(9600, CasicCommands.BaudRateFromCode(1));
    }
}
