namespace EdgeSdk.Jt808
{
    /// <summary>One terminal parameter of 0x8103/0x0104: id DWORD, length BYTE, value. Kept raw (the type depends on the id); typed through <see cref="TryGetUnsigned"/>.</summary>
    public sealed class Jt808Parameter
    {
        /// <summary>Parameter 0x0001: heartbeat interval, DWORD seconds.</summary>
        public const uint HeartbeatIntervalSeconds = 0x0001;

        /// <summary>Parameter 0x0029: default location report interval, DWORD seconds.</summary>
        public const uint DefaultReportIntervalSeconds = 0x0029;

        /// <summary>Parameter 0x0055: maximum speed, DWORD km/h.</summary>
        public const uint MaximumSpeedKilometersPerHour = 0x0055;

        /// <summary>Parameter 0x0057: continuous driving time limit, DWORD seconds.</summary>
        public const uint ContinuousDrivingLimitSeconds = 0x0057;

        /// <summary>Parameter 0x0058: accumulated driving time limit for the day, DWORD seconds.</summary>
        public const uint DailyDrivingLimitSeconds = 0x0058;

        /// <summary>Parameter 0x0059: minimum rest time, DWORD seconds.</summary>
        public const uint MinimumRestSeconds = 0x0059;

        /// <summary>Parameter 0x005A: maximum parking time, DWORD seconds.</summary>
        public const uint MaximumParkingSeconds = 0x005A;

        /// <summary>Creates a parameter.</summary>
        /// <param name="id">Parameter id.</param>
        /// <param name="value">Value bytes (at most 255).</param>
        public Jt808Parameter(uint id, byte[] value)
        {
            Id = id;
            Value = value ?? new byte[0];
        }

        /// <summary>Parameter id.</summary>
        public uint Id { get; }

        /// <summary>Value bytes as on the wire.</summary>
        public byte[] Value { get; }

        /// <summary>A BYTE, WORD or DWORD parameter.</summary>
        /// <param name="id">Parameter id.</param>
        /// <param name="value">Value.</param>
        /// <param name="bytes">Width: 1, 2 or 4.</param>
        /// <returns>The parameter.</returns>
        public static Jt808Parameter FromUnsigned(uint id, uint value, int bytes)
        {
            byte[] v = new byte[bytes];
            for (int i = 0; i < bytes; i++)
            {
                v[i] = (byte)(value >> (8 * (bytes - 1 - i)));
            }

            return new Jt808Parameter(id, v);
        }

        /// <summary>The value as an unsigned big-endian number.</summary>
        /// <param name="value">The number.</param>
        /// <returns>False unless the value is 1, 2 or 4 bytes long.</returns>
        public bool TryGetUnsigned(out uint value)
        {
            value = 0;
            if (Value.Length != 1 && Value.Length != 2 && Value.Length != 4)
            {
                return false;
            }

            for (int i = 0; i < Value.Length; i++)
            {
                value = (value << 8) | Value[i];
            }

            return true;
        }

        /// <summary>Decodes <paramref name="count"/> parameters that must fill <paramref name="offset"/> to <paramref name="end"/> exactly.</summary>
        internal static bool TryDecodeList(byte[] b, int offset, int end, int count, out Jt808Parameter[] parameters)
        {
            parameters = new Jt808Parameter[count];
            int p = offset;
            for (int i = 0; i < count; i++)
            {
                if (p + 5 > end || p + 5 + b[p + 4] > end)
                {
                    return false;
                }

                int len = b[p + 4];
                parameters[i] = new Jt808Parameter(Jt808Bytes.ReadUInt32(b, p), Jt808Bytes.Copy(b, p + 5, len));
                p += 5 + len;
            }

            return p == end;
        }

        internal static void EncodeList(Jt808Writer writer, Jt808Parameter[] parameters)
        {
            writer.WriteByte(parameters.Length);
            for (int i = 0; i < parameters.Length; i++)
            {
                writer.WriteUInt32(parameters[i].Id);
                writer.WriteByte(parameters[i].Value.Length);
                writer.WriteBytes(parameters[i].Value);
            }
        }
    }
}
