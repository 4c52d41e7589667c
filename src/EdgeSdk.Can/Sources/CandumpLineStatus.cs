namespace EdgeSdk.Can;

/// <summary>What <see cref="CandumpFormat.TryParseLine"/> found on a line.</summary>
public enum CandumpLineStatus
{
    /// <summary>A data, remote or CAN FD frame.</summary>
    Frame = 0,

    /// <summary>An empty line, or one starting with '#' (comment).</summary>
    Blank = 1,

    /// <summary>A CAN error frame (identifier with the error flag); not a data frame.</summary>
    ErrorFrame = 2,

    /// <summary>Not in the candump log format: counted as garbage.</summary>
    Malformed = 3,
}
