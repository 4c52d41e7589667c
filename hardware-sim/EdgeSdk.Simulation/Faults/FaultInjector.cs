namespace EdgeSdk.Simulation.Faults;

/// <summary>
/// Applies a <see cref="FaultSpec"/> to an epoch's sentences with its own seeded random stream, so
/// turning faults on does not change the noise or the sky. Receiver-side faults (drop, duplicate)
/// come before the baud-rate budget; line faults (checksum, truncation, garbage, binary) after it.
/// Every injected fault is recorded by name for the truth output.
/// </summary>
internal sealed class FaultInjector
{
    private readonly FaultSpec _spec;
    private readonly Random _random;
    private readonly byte[] _binaryHeader;

    public FaultInjector(FaultSpec spec, int seed, byte[] binaryHeader)
    {
        _spec = spec;
        _random = new Random(seed ^ 0x0FA017);
        _binaryHeader = binaryHeader;
    }

    public bool Reset(List<string> log) => Roll(_spec.ResetRate, "reset", log);

    public List<byte[]> DropAndDuplicate(List<byte[]> sentences, List<string> log)
    {
        var result = new List<byte[]>(sentences.Count + 2);
        foreach (byte[] sentence in sentences)
        {
            if (Roll(_spec.DropRate, "drop", log))
            {
                continue;
            }

            result.Add(sentence);
            if (Roll(_spec.DuplicateRate, "duplicate", log))
            {
                result.Add(sentence);
            }
        }

        return result;
    }

    public List<byte[]> CorruptLine(List<byte[]> sentences, List<string> log)
    {
        var result = new List<byte[]>(sentences.Count + 2);
        foreach (byte[] original in sentences)
        {
            byte[] sentence = original;
            if (Roll(_spec.ChecksumRate, "checksum", log))
            {
                // The last checksum digit sits before CR LF; add 1..15 to it modulo 16.
                sentence = (byte[])sentence.Clone();
                int at = sentence.Length - 3;
                int digit = (HexValue(sentence[at]) + _random.Next(1, 16)) % 16;
                sentence[at] = (byte)"0123456789ABCDEF"[digit];
            }

            if (Roll(_spec.TruncateRate, "truncate", log))
            {
                sentence = sentence.AsSpan(0, _random.Next(1, sentence.Length - 5)).ToArray();
            }

            result.Add(sentence);
            if (Roll(_spec.GarbageRate, "garbage", log))
            {
                var garbage = new byte[_random.Next(1, 41)];
                for (int i = 0; i < garbage.Length; i++)
                {
                    // Anything but '$' and line ends, so garbage never looks like a sentence start.
                    byte b;
                    do
                    {
                        b = (byte)_random.Next(256);
                    }
                    while (b is (byte)'$' or (byte)'\r' or (byte)'\n');
                    garbage[i] = b;
                }

                result.Add(garbage);
            }

            if (Roll(_spec.BinaryRate, "binary", log))
            {
                var burst = new byte[_binaryHeader.Length + _random.Next(8, 120)];
                _binaryHeader.CopyTo(burst, 0);
                for (int i = _binaryHeader.Length; i < burst.Length; i++)
                {
                    burst[i] = (byte)_random.Next(256);
                }

                result.Add(burst);
            }
        }

        return result;
    }

    private static int HexValue(byte b) => b <= '9' ? b - '0' : b - 'A' + 10;

    private bool Roll(double rate, string kind, List<string> log)
    {
        if (rate <= 0 || _random.NextDouble() >= rate)
        {
            return false;
        }

        log.Add(kind);
        return true;
    }
}
