namespace EdgeSdk.Jt808
{
    /// <summary>Big-endian (network order, as JT/T 808 requires for WORD and DWORD) reads and BCD digit conversion.</summary>
    internal static class Jt808Bytes
    {
        private const string HexDigits = "0123456789abcdef";

        public static int ReadUInt16(byte[] b, int i) => (b[i] << 8) | b[i + 1];

        public static uint ReadUInt32(byte[] b, int i) => ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];

        /// <summary>
        /// A count BYTE and that many DWORD ids (0x8106's parameter ids, the delete-area bodies' area ids); null when
        /// the length is not 1 + 4 × count.
        /// </summary>
        public static uint[] ReadIdList(byte[] b, int offset, int length)
        {
            if (length < 1 || length != 1 + (4 * b[offset]))
            {
                return null;
            }

            uint[] ids = new uint[b[offset]];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = ReadUInt32(b, offset + 1 + (4 * i));
            }

            return ids;
        }

        /// <summary>Writes what <see cref="ReadIdList"/> reads.</summary>
        public static void WriteIdList(Jt808Writer writer, uint[] ids)
        {
            writer.WriteByte(ids.Length);
            for (int i = 0; i < ids.Length; i++)
            {
                writer.WriteUInt32(ids[i]);
            }
        }

        /// <summary>The one empty array: zero-length arrays cannot change, so every empty field shares it instead of allocating.</summary>
        public static readonly byte[] Empty = new byte[0];

        public static byte[] Copy(byte[] b, int offset, int length)
        {
            if (length == 0)
            {
                return Empty;
            }

            byte[] copy = new byte[length];
            System.Array.Copy(b, offset, copy, 0, length);
            return copy;
        }

        /// <summary>BCD bytes as digits. Nibbles above 9 (seen from broken terminals) come out as hex letters so the value still round-trips.</summary>
        public static string BcdToString(byte[] b, int offset, int length)
        {
            char[] chars = new char[length * 2];
            for (int i = 0; i < length; i++)
            {
                chars[2 * i] = HexDigits[b[offset + i] >> 4];
                chars[(2 * i) + 1] = HexDigits[b[offset + i] & 0x0F];
            }

            return new string(chars);
        }

        /// <summary>Writes <paramref name="digits"/> as <paramref name="length"/> BCD bytes, left-padded with zeros.</summary>
        /// <returns>False when the text is longer than the field or holds a character that is not a hex digit.</returns>
        public static bool TryWriteBcd(string digits, byte[] destination, int offset, int length)
        {
            int nibbles = length * 2;
            if (digits == null || digits.Length > nibbles)
            {
                return false;
            }

            int pad = nibbles - digits.Length;
            for (int n = 0; n < nibbles; n++)
            {
                int value = 0;
                if (n >= pad)
                {
                    value = HexValue(digits[n - pad]);
                    if (value < 0)
                    {
                        return false;
                    }
                }

                int index = offset + (n / 2);
                destination[index] = (n & 1) == 0 ? (byte)(value << 4) : (byte)(destination[index] | value);
            }

            return true;
        }

        /// <summary>Two-digit BCD value of one byte, or -1 if a nibble is above 9.</summary>
        public static int BcdByte(byte b)
        {
            int hi = b >> 4;
            int lo = b & 0x0F;
            return hi > 9 || lo > 9 ? -1 : (hi * 10) + lo;
        }

        public static byte ToBcdByte(int value) => (byte)(((value / 10) << 4) | (value % 10));

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
