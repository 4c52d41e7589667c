using System.Globalization;

namespace EdgeSdk.Simulation.Faults;

/// <summary>
/// Fault injection rates, parsed from <c>KIND=RATE[,KIND=RATE...]</c> (e.g.
/// <c>checksum=0.01,drop=0.02,reset=0.001</c>). Rates are probabilities 0–1: per sentence for
/// <c>checksum</c>, <c>truncate</c>, <c>garbage</c>, <c>binary</c>, <c>drop</c> and <c>duplicate</c>; per epoch
/// for <c>reset</c>. <c>none</c> or an empty string means no faults.
/// </summary>
public sealed class FaultSpec
{
    private static readonly string[] Kinds = { "checksum", "truncate", "garbage", "binary", "drop", "duplicate", "reset" };
    private readonly double[] _rates = new double[Kinds.Length];

    /// <summary>No faults at all.</summary>
    public static FaultSpec None { get; } = new();

    /// <summary>Probability that a sentence's checksum is wrong.</summary>
    public double ChecksumRate => _rates[0];

    /// <summary>Probability that a sentence is cut short (no checksum, no line end).</summary>
    public double TruncateRate => _rates[1];

    /// <summary>Probability that 1–40 garbage bytes follow a sentence.</summary>
    public double GarbageRate => _rates[2];

    /// <summary>Probability that a burst of the chipset's binary protocol (CASIC 0xBA 0xCE or UBX 0xB5 0x62) follows a sentence.</summary>
    public double BinaryRate => _rates[3];

    /// <summary>Probability that a sentence is not sent.</summary>
    public double DropRate => _rates[4];

    /// <summary>Probability that a sentence is sent twice.</summary>
    public double DuplicateRate => _rates[5];

    /// <summary>Probability per epoch that the receiver resets: it sends its boot banner and reacquires from scratch.</summary>
    public double ResetRate => _rates[6];

    /// <summary>True when every rate is zero.</summary>
    public bool IsNone => _rates.All(r => r == 0);

    /// <summary>Parses a fault specification.</summary>
    /// <exception cref="ArgumentException">Unknown kind or a rate outside 0–1; the message lists the valid kinds.</exception>
    public static FaultSpec Parse(string? spec)
    {
        var result = new FaultSpec();
        if (string.IsNullOrWhiteSpace(spec) || spec.Trim() == "none")
        {
            return result;
        }

        foreach (string part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            int index = Array.IndexOf(Kinds, kv[0].ToLowerInvariant());
            if (index < 0 || kv.Length != 2 || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || rate < 0 || rate > 1)
            {
                throw new ArgumentException(
                    $"bad fault '{part}': use KIND=RATE with RATE between 0 and 1, KIND one of {string.Join(", ", Kinds)} (e.g. checksum=0.01,reset=0.001)", nameof(spec));
            }

            result._rates[index] = rate;
        }

        return result;
    }

    /// <summary>The specification in the syntax <see cref="Parse"/> reads (non-zero rates only, or <c>none</c>).</summary>
    public override string ToString()
    {
        var parts = Kinds.Select((k, i) => (k, _rates[i])).Where(p => p.Item2 > 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.k}={p.Item2}")).ToArray();
        return parts.Length == 0 ? "none" : string.Join(",", parts);
    }
}
