namespace EdgeSdk.Jt808
{
    /// <summary>0x8100 registration response: the answered sequence number, a result, and on success the authentication code.</summary>
    public sealed class Jt808RegistrationResponse : Jt808Body
    {
        /// <summary>Result 0: registered; <see cref="AuthenticationCode"/> is present.</summary>
        public const int ResultSuccess = 0;

        /// <summary>Result 1: vehicle already registered.</summary>
        public const int ResultVehicleRegistered = 1;

        /// <summary>Result 2: vehicle not in the database.</summary>
        public const int ResultNoSuchVehicle = 2;

        /// <summary>Result 3: terminal already registered.</summary>
        public const int ResultTerminalRegistered = 3;

        /// <summary>Result 4: terminal not in the database.</summary>
        public const int ResultNoSuchTerminal = 4;

        /// <summary>Sequence number of the 0x0100 answered.</summary>
        public int AckSequenceNumber { get; set; }

        /// <summary>Result code, one of the <c>Result…</c> constants.</summary>
        public int Result { get; set; }

        /// <summary>Authentication code bytes (STRING, to the end of the body); empty unless <see cref="Result"/> is 0.</summary>
        public byte[] AuthenticationCode { get; set; } = new byte[0];

        /// <summary>Decodes the body.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="body">The response, or null when shorter than 3 bytes.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808RegistrationResponse body)
        {
            body = null;
            if (length < 3)
            {
                return false;
            }

            body = new Jt808RegistrationResponse
            {
                AckSequenceNumber = Jt808Bytes.ReadUInt16(b, offset),
                Result = b[offset + 2],
                AuthenticationCode = Jt808Bytes.Copy(b, offset + 3, length - 3),
            };
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt16(AckSequenceNumber);
            writer.WriteByte(Result);
            writer.WriteBytes(AuthenticationCode);
        }
    }
}
