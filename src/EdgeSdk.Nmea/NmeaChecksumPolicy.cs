namespace EdgeSdk.Nmea;

/// <summary>What the reader does with the <c>*HH</c> checksum.</summary>
public enum NmeaChecksumPolicy
{
    /// <summary>Check it when the sentence has one; accept sentences without (old NMEA 0183 talkers). The default.</summary>
    CheckedWhenPresent = 0,
    /// <summary>Reject sentences without a checksum (<see cref="NmeaRejectReason.MissingChecksum"/>) or with a wrong one.</summary>
    Required,
    /// <summary>Accept any checksum, placeholders such as <c>*XX</c> included (for hand-typed test input).</summary>
    Ignored,
}
