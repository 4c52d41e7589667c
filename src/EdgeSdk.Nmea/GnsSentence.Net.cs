namespace EdgeSdk.Nmea;

/// <content>.NET only: the GNS part of <see cref="FixDataSentence.ToString"/>.</content>
public sealed partial class GnsSentence
{
    private protected override string QualityText()
    {
        char[] modes = new char[ModeCount];
        for (int i = 0; i < modes.Length; i++)
        {
            modes[i] = GetMode(i);
        }

        return "modes " + (modes.Length == 0 ? NmeaDisplay.Absent : new string(modes));
    }
}
