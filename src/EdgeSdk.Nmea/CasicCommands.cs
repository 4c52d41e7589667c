namespace EdgeSdk.Nmea;

/// <summary>
/// The configuration sentences of CASIC receivers (Zhongkewei AT6558: ATGM336H, Quectel L76K and most
/// Chinese BDS boards): <c>$PCAS01</c> baud rate, <c>$PCAS02</c> fix interval, <c>$PCAS03</c> output
/// rates, <c>$PCAS04</c> constellations, <c>$PCAS10</c> restart. Each method writes the whole sentence
/// into the given writer (use <c>writer.Buffer</c>) and returns its length, or 0 when an
/// argument has no CASIC encoding. <see cref="CasicCommand"/> decodes them on the receiving side.
/// </summary>
public static class CasicCommands
{
    // $PCAS01 codes 0..5 in order.
    private static readonly int[] BaudRates = { 4800, 9600, 19200, 38400, 57600, 115200 };

    /// <summary>The baud rate that <c>$PCAS01</c> code <paramref name="code"/> selects, or 0 if none.</summary>
    public static int BaudRateFromCode(int code) => code >= 0 && code < BaudRates.Length ? BaudRates[code] : 0;

    /// <summary>The <c>$PCAS01</c> code of a baud rate, or -1 if CASIC has none.</summary>
    public static int CodeFromBaudRate(int baud)
    {
        for (int i = 0; i < BaudRates.Length; i++)
        {
            if (BaudRates[i] == baud)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>$PCAS01,code</c>: serial baud rate 4800, 9600, 19200, 38400, 57600 or 115200.</summary>
    public static int SetBaudRate(NmeaWriter writer, int baud)
    {
        int code = CodeFromBaudRate(baud);
        if (writer == null || code < 0)
        {
            return 0;
        }

        writer.Begin("PCAS01");
        writer.Field(code);
        return writer.End();
    }

    /// <summary><c>$PCAS02,ms</c>: fix update interval 1000, 500, 250, 200 or 100 ms (1, 2, 4, 5, 10 Hz).</summary>
    public static int SetUpdateInterval(NmeaWriter writer, int milliseconds)
    {
        if (writer == null || (milliseconds != 1000 && milliseconds != 500 && milliseconds != 250 && milliseconds != 200 && milliseconds != 100))
        {
            return 0;
        }

        writer.Begin("PCAS02");
        writer.Field(milliseconds);
        return writer.End();
    }

    /// <summary>
    /// <c>$PCAS03</c>: how often each sentence is sent (0 off, n = once every n fixes, 0–9), in CASIC's field
    /// order GGA, GLL, GSA, GSV, RMC, VTG, ZDA, ANT (antenna TXT), DHV, LPS, -, -, UTC, GST, -, -, -, TIM.
    /// Vendor-specific DHV/LPS/UTC/TIM are turned off.
    /// </summary>
    public static int SetOutputRates(NmeaWriter writer, int gga, int gll, int gsa, int gsv, int rmc, int vtg, int zda, int ant, int gst)
    {
        if (writer == null || !Rate(gga) || !Rate(gll) || !Rate(gsa) || !Rate(gsv) || !Rate(rmc) || !Rate(vtg) || !Rate(zda) || !Rate(ant) || !Rate(gst))
        {
            return 0;
        }

        writer.Begin("PCAS03");
        writer.Field(gga);
        writer.Field(gll);
        writer.Field(gsa);
        writer.Field(gsv);
        writer.Field(rmc);
        writer.Field(vtg);
        writer.Field(zda);
        writer.Field(ant);
        writer.Field(0); // DHV
        writer.Field(0); // LPS
        writer.Empty();
        writer.Empty();
        writer.Field(0); // UTC
        writer.Field(gst);
        writer.Empty();
        writer.Empty();
        writer.Empty();
        writer.Field(0); // TIM
        return writer.End();
    }

    /// <summary><c>$PCAS04,mode</c>: constellations used (1 GPS, 2 BDS, 3 GPS+BDS, 4 GLONASS, 5 GPS+GLONASS, 6 BDS+GLONASS, 7 all).</summary>
    public static int SetConstellations(NmeaWriter writer, bool gps, bool beidou, bool glonass)
    {
        int mode = (gps ? 1 : 0) | (beidou ? 2 : 0) | (glonass ? 4 : 0);
        if (writer == null || mode == 0)
        {
            return 0;
        }

        writer.Begin("PCAS04");
        writer.Field(mode);
        return writer.End();
    }

    /// <summary><c>$PCAS10,kind</c>: restart the receiver.</summary>
    public static int Restart(NmeaWriter writer, CasicRestart kind)
    {
        if (writer == null || kind < CasicRestart.Hot || kind > CasicRestart.FactoryReset)
        {
            return 0;
        }

        writer.Begin("PCAS10");
        writer.Field((int)kind);
        return writer.End();
    }

    private static bool Rate(int n) => n >= 0 && n <= 9;
}
