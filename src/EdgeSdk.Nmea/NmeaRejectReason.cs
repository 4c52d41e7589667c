namespace EdgeSdk.Nmea;

/// <summary>Why a line was not accepted as a sentence. Each reason has its own counter in <see cref="NmeaStatistics"/>.</summary>
public enum NmeaRejectReason
{
    /// <summary>Not rejected.</summary>
    None = 0,
    /// <summary>The <c>*HH</c> checksum does not match the XOR of the sentence's characters.</summary>
    BadChecksum,
    /// <summary>No <c>*HH</c> checksum while the policy is <see cref="NmeaChecksumPolicy.Required"/>.</summary>
    MissingChecksum,
    /// <summary>The line grew past <see cref="NmeaReader.MaxSentenceLength"/> before its end.</summary>
    TooLong,
    /// <summary>
    /// Not a sentence: a bad address, a control or non-ASCII byte inside the line, too many fields, or a
    /// line without checksum cut short by the start of the next one.
    /// </summary>
    Malformed,
    /// <summary>A standard sentence from a talker this library does not know (e.g. <c>$GYOACC</c>).</summary>
    UnknownTalker,
    /// <summary>A known talker with a sentence type this library does not decode.</summary>
    UnknownType,
    /// <summary>A field that is present but cannot be read (e.g. letters in a number, minute ≥ 60, month 13).</summary>
    InvalidField,
    /// <summary>Fewer fields than the oldest NMEA version of this sentence type has.</summary>
    MissingFields,
}
