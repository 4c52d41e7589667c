namespace EdgeSdk.Fuzz.Canary;

/// <summary>A planted bug for the fuzz gate's self-check (tests/fuzz/gate.sh).</summary>
public static class CanaryCheck
{
    /// <summary>
    /// Throws on inputs starting with <c>BUG!</c>: AFL gets there from the seed <c>AAAA</c> only through coverage
    /// feedback, one byte comparison at a time, so finding it proves the instrumentation and the crash reporting work.
    /// </summary>
    public static void Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length >= 4 && input[0] == 'B' && input[1] == 'U' && input[2] == 'G' && input[3] == '!')
        {
            throw new InvalidOperationException("the canary input was found");
        }
    }
}
