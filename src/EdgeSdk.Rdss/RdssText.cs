using System.Text;

namespace EdgeSdk.Rdss;

/// <summary>Text to and from the bytes of Chinese and mixed messages: GB18030 (a superset of GB2312 and GBK), from System.Text.Encoding.CodePages.</summary>
public static class RdssText
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    /// <summary>The GB18030 encoding.</summary>
    public static Encoding Encoding => Gb18030.Value;

    /// <summary>The bytes of <paramref name="text"/>.</summary>
    public static byte[] ToBytes(string text) => Gb18030.Value.GetBytes(text);

    /// <summary>The text of <paramref name="bytes"/> (invalid sequences become U+FFFD).</summary>
    public static string ToText(ReadOnlySpan<byte> bytes) => Gb18030.Value.GetString(bytes);
}
