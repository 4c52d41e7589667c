namespace EdgeSdk.Gnss;

/// <summary>How a fix was obtained, as GGA's quality indicator and RMC/GNS's mode indicator say.</summary>
public enum FixQuality
{
    /// <summary>No valid position.</summary>
    Invalid = 0,
    /// <summary>Autonomous GNSS (SPS).</summary>
    Autonomous = 1,
    /// <summary>Differential GNSS (SBAS or ground corrections).</summary>
    Differential = 2,
    /// <summary>Precise positioning service (military).</summary>
    Precise = 3,
    /// <summary>RTK with fixed integer ambiguities.</summary>
    RtkFixed = 4,
    /// <summary>RTK with floating ambiguities.</summary>
    RtkFloat = 5,
    /// <summary>Dead reckoning (estimated).</summary>
    DeadReckoning = 6,
    /// <summary>Position entered by hand.</summary>
    Manual = 7,
    /// <summary>Produced by a simulator.</summary>
    Simulated = 8,
}
