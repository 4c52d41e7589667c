using EdgeSdk.Nmea;

namespace EdgeSdk.Simulation.Receiver;

/// <summary>The sentences of one epoch, in the order a receiver sends them.</summary>
internal enum SentenceKind
{
    Gga,
    Gll,
    Gsa,
    Gsv,
    Rmc,
    Vtg,
    Zda,
}

/// <summary>How one constellation appears in GSV: its talker and NMEA signal ID.</summary>
internal sealed record SystemOutput(GnssSystem System, NmeaTalker GsvTalker, int SignalId);

/// <summary>
/// Everything that differs between the imitated receivers, as data (one table, one encoder).
/// Values follow the real captures under tests/TestData/gpsd.
/// </summary>
internal sealed record ReceiverProfile(
    ReceiverModel Model,
    NmeaTalker NavTalker,
    SystemOutput[] Systems,
    SentenceKind[] Order,
    int TimeDecimals,
    int MinuteDecimals,
    int DopDecimals,
    int SpeedDecimals,
    double NoFixDop,
    bool GsaPerSystem,
    bool SignalIds,
    bool RmcNavStatus,
    bool CourseEmptyWhenSlow,
    int GgaMaxUsed,
    int MaxUsed,
    int DefaultBaudRate,
    NmeaTalker BannerTalker,
    string[] BootBanner)
{
    /// <summary>ATGM336H / L76K (AT6558R): see quectel-l76k-nmea.log.</summary>
    public static readonly ReceiverProfile Casic = new(
        ReceiverModel.Casic, NmeaTalker.GN,
        new[] { new SystemOutput(GnssSystem.Gps, NmeaTalker.GP, 0), new SystemOutput(GnssSystem.Beidou, NmeaTalker.BD, 0), new SystemOutput(GnssSystem.Glonass, NmeaTalker.GL, 0) },
        new[] { SentenceKind.Gga, SentenceKind.Gll, SentenceKind.Gsa, SentenceKind.Gsv, SentenceKind.Rmc, SentenceKind.Vtg, SentenceKind.Zda },
        TimeDecimals: 3, MinuteDecimals: 5, DopDecimals: 1, SpeedDecimals: 2, NoFixDop: 25.5,
        GsaPerSystem: true, SignalIds: true, RmcNavStatus: true, CourseEmptyWhenSlow: false,
        GgaMaxUsed: 99, MaxUsed: 32, DefaultBaudRate: 115200, BannerTalker: NmeaTalker.GP,
        BootBanner: new[] { "MA=CASIC", "IC=AT6558R-5N-32-1C580901", "SW=URANUS5,V5.3.0.0", "TB=2020-03-26,13:25:12", "MO=GBR", "BS=SOC_BootLoader,V6.2.0.2", "FI=00856014" });

    /// <summary>NEO-M9N: see ublox-neo-m9n-nmea.log (default message set RMC VTG GGA GSA GSV GLL).</summary>
    public static readonly ReceiverProfile UbloxM9 = new(
        ReceiverModel.UbloxM9, NmeaTalker.GN,
        new[] { new SystemOutput(GnssSystem.Gps, NmeaTalker.GP, 1), new SystemOutput(GnssSystem.Glonass, NmeaTalker.GL, 1), new SystemOutput(GnssSystem.Galileo, NmeaTalker.GA, 7), new SystemOutput(GnssSystem.Beidou, NmeaTalker.GB, 1) },
        new[] { SentenceKind.Rmc, SentenceKind.Vtg, SentenceKind.Gga, SentenceKind.Gsa, SentenceKind.Gsv, SentenceKind.Gll },
        TimeDecimals: 2, MinuteDecimals: 5, DopDecimals: 2, SpeedDecimals: 3, NoFixDop: 99.99,
        GsaPerSystem: true, SignalIds: true, RmcNavStatus: true, CourseEmptyWhenSlow: true,
        GgaMaxUsed: 12, MaxUsed: 32, DefaultBaudRate: 38400, BannerTalker: NmeaTalker.GN,
        BootBanner: new[] { "u-blox AG - www.u-blox.com", "HW UBX-M9140 00190000", "ROM SPG 4.04 (7f89f7)", "FWVER=SPG 4.04", "PROTVER=32.01", "MOD=NEO-M9N-0", "GPS;GLO;GAL;BDS", "SBAS;QZSS", "ANTSUPERV=", "ANTSTATUS=DONTKNOW", "PF=3FF" });

    /// <summary>A u-blox 6 class GPS-only module speaking NMEA 2.3.</summary>
    public static readonly ReceiverProfile LegacyGps = new(
        ReceiverModel.LegacyGps, NmeaTalker.GP,
        new[] { new SystemOutput(GnssSystem.Gps, NmeaTalker.GP, 0) },
        new[] { SentenceKind.Rmc, SentenceKind.Vtg, SentenceKind.Gga, SentenceKind.Gsa, SentenceKind.Gsv, SentenceKind.Gll },
        TimeDecimals: 2, MinuteDecimals: 5, DopDecimals: 2, SpeedDecimals: 3, NoFixDop: 99.99,
        GsaPerSystem: false, SignalIds: false, RmcNavStatus: false, CourseEmptyWhenSlow: true,
        GgaMaxUsed: 12, MaxUsed: 12, DefaultBaudRate: 9600, BannerTalker: NmeaTalker.GP,
        BootBanner: new[] { "u-blox ag - www.u-blox.com", "HW  UBX-G60xx  00040007 FF7FFFFFp", "ROM CORE 7.03 (45969) Mar 17 2011 16:18:34", "ANTSUPERV=AC SD PDoS SR", "ANTSTATUS=OK" });

    public static ReceiverProfile For(ReceiverModel model) => model switch
    {
        ReceiverModel.UbloxM9 => UbloxM9,
        ReceiverModel.LegacyGps => LegacyGps,
        _ => Casic,
    };
}
