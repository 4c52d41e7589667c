namespace EdgeSdk.Nmea;

/// <summary>Restart kinds of the CASIC <c>$PCAS10</c> command.</summary>
public enum CasicRestart
{
    /// <summary>Hot start: keep everything.</summary>
    Hot = 0,
    /// <summary>Warm start: drop the ephemeris.</summary>
    Warm = 1,
    /// <summary>Cold start: drop ephemeris, almanac, time and position.</summary>
    Cold = 2,
    /// <summary>Cold start and restore the factory configuration.</summary>
    FactoryReset = 3,
}
