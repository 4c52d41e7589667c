namespace EdgeSdk.Nmea;

/// <content>.NET only: the GGA part of <see cref="FixDataSentence.ToString"/>.</content>
public sealed partial class GgaSentence
{
    private protected override string QualityText() => "quality " + NmeaDisplay.Count(FixQuality);
}
