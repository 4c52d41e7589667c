namespace EdgeSdk.Jt808.Tests;

internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);
}
