namespace EdgeSdk.Gnss;

/// <summary>What <see cref="EpochFusion"/> did with a sentence.</summary>
public enum SentenceUse
{
    /// <summary>Not a sentence the fusion uses (TXT, proprietary, unknown type).</summary>
    Ignored = 0,
    /// <summary>Carried time, position, velocity, precision or the sky, and was fused.</summary>
    Navigation = 1,
}
