namespace EdgeSdk.Nmea;

/// <content>The .NET fast path switch (this file is left out of the nanoFramework build).</content>
public sealed partial class NmeaReader
{
    /// <summary>
    /// When true, lines are framed by one vectorised pass (line end, checksum XOR and comma positions from the same
    /// loads) and RMC, GGA, GSA, GSV, GLL and VTG are decoded with fixed-width readers that take several digits at a time.
    /// Sentences, values, counters and reject reasons are the same as with the portable path (false, the default),
    /// which stays the reference. .NET only; zero allocation per sentence either way.
    /// </summary>
    public bool FastPath
    {
        get => Sentence.FastPath;
        set => Sentence.SetFastPath(value, MaxSentenceLength);
    }

    partial void FindLineEndFast(byte[] chunk, int start, int limit, ref int end)
    {
        if (Sentence.FastPath)
        {
            end = Sentence.ScanLine(chunk, start, limit);
        }
    }
}
