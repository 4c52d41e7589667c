namespace EdgeSdk.Simulation.Receiver;

/// <summary>Which real receiver's NMEA output the simulator imitates.</summary>
public enum ReceiverModel
{
    /// <summary>CASIC chipset (ATGM336H, Quectel L76K): NMEA 4.1, GN navigation sentences, GP/BD/GL GSV, one GNGSA per system, GNZDA, $GPTXT.</summary>
    Casic,
    /// <summary>u-blox M9 (NEO-M9N): NMEA 4.11, GN talker, one GNGSA per system with system ID, GSV with signal IDs, four constellations.</summary>
    UbloxM9,
    /// <summary>A GPS-only module of the NMEA 2.3 era (u-blox 6 class): GP talker only, 12 channels.</summary>
    LegacyGps,
}
