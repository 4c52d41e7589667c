namespace EdgeSdk.Nmea;

/// <summary>The BeiDou RDSS sentences <see cref="RdssParser"/> decodes; the value indexes its tables.</summary>
public enum RdssSentenceKind
{
    /// <summary>Not an RDSS sentence.</summary>
    None = 0,
    /// <summary><c>$CCTXA</c>: communication request (send a short message), protocol 2.1.</summary>
    Txa,
    /// <summary><c>$BDTXR</c>: communication information (a received short message), protocol 2.1.</summary>
    Txr,
    /// <summary><c>$BDFKI</c>: the terminal's feedback on a command (2.1 and BDS-3 layouts).</summary>
    Fki,
    /// <summary><c>$CCICA</c>: IC (card) detection request.</summary>
    Ica,
    /// <summary><c>$BDICI</c>: IC (card) information: user ID, service interval, communication level.</summary>
    Ici,
    /// <summary><c>$BDBSI</c>: beam status: response and time-difference beams, power per beam.</summary>
    Bsi,
    /// <summary><c>$CCRMO</c>: output control (switch a sentence such as BSI on or off, and its interval).</summary>
    Rmo,
    /// <summary><c>$CCTCQ</c>: BDS-3 communication request.</summary>
    Tcq,
    /// <summary><c>$BDTCI</c>: BDS-3 communication information (a received message).</summary>
    Tci,
    /// <summary><c>$BDPWI</c>: BDS-3 power (signal) information per beam/satellite.</summary>
    Pwi,
}
