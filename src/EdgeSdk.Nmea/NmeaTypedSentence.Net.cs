namespace EdgeSdk.Nmea;

/// <content>The .NET fast path's decoder hook (this file is left out of the nanoFramework build).</content>
public abstract partial class NmeaTypedSentence
{
    /// <summary>
    /// Decodes <paramref name="s"/> with the sentence's fixed-width readers (<c>FastInt</c>, <c>FastTime</c>, ...)
    /// and returns true, or returns false to let the portable <see cref="Read"/> do it. Overridden by the types
    /// that carry most real traffic; every value must equal <see cref="Read"/>'s (FastPathDifferentialTests).
    /// </summary>
    internal virtual bool ReadFixedWidth(NmeaSentence s) => false;

    partial void ReadFast(NmeaSentence sentence, ref bool done)
    {
        if (sentence.FastPath)
        {
            done = ReadFixedWidth(sentence);
        }
    }
}
