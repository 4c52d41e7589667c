namespace EdgeSdk.Jt808
{
    /// <summary>
    /// Frames, unescapes, checks and decodes JT/T 808 messages (2013 and 2019 headers), and encodes them back.
    /// Decoding never throws on bad input: <see cref="TryDecode"/> returns why and counts it in <see cref="Statistics"/>.
    /// One instance is not thread-safe (it reuses a scratch buffer); use one per connection.
    /// </summary>
    public sealed class Jt808Codec
    {
        /// <summary>The frame flag byte.</summary>
        public const byte Flag = 0x7E;

        /// <summary>The escape byte: 0x7D 0x02 stands for 0x7E, 0x7D 0x01 for 0x7D.</summary>
        public const byte Escape = 0x7D;

        /// <summary>Largest body the 10-bit length field can describe.</summary>
        public const int MaxBodyLength = 1023;

        /// <summary>Largest unescaped frame content: 2019 header with sub-package fields (21) + body + BCC.</summary>
        public const int MaxContentLength = 21 + MaxBodyLength + 1;

        private readonly byte[] _scratch = new byte[MaxContentLength];
        private readonly Jt808Writer _writer = new Jt808Writer(256);
        private Jt808Writer _bodyWriter;

        // The last phone number decoded, as BCD and as text: a connection carries one terminal, so its frames reuse the string.
        private readonly byte[] _phoneBcd = new byte[10];
        private int _phoneBcdLength;
        private string _phone;

        /// <summary>Counts of every decode result.</summary>
        public Jt808Statistics Statistics { get; } = new Jt808Statistics();

        /// <summary>When true (default) a wrong BCC refuses the frame; when false it is decoded, with <see cref="Jt808Message.ChecksumOk"/> false, and counted in <see cref="Jt808Statistics.ChecksumIgnored"/>.</summary>
        public bool VerifyChecksum { get; set; } = true;

        /// <summary>When true (default) a bad escape refuses the frame; when false the 0x7D byte is kept literally and counted in <see cref="Jt808Statistics.EscapesIgnored"/>.</summary>
        public bool StrictEscapes { get; set; } = true;

        /// <summary>Decodes one frame, flags included.</summary>
        /// <param name="frame">Buffer holding the frame.</param>
        /// <param name="offset">Index of the opening 0x7E.</param>
        /// <param name="length">Bytes up to and including the closing 0x7E.</param>
        /// <param name="message">The message for <see cref="Jt808DecodeResult.Ok"/>, <see cref="Jt808DecodeResult.UnknownMessageId"/> and <see cref="Jt808DecodeResult.BodyMalformed"/> (body raw); null otherwise.</param>
        /// <returns>The result, also counted in <see cref="Statistics"/>.</returns>
        public Jt808DecodeResult TryDecode(byte[] frame, int offset, int length, out Jt808Message message)
        {
            Jt808DecodeResult result = Decode(frame, offset, length, out message);
            Statistics.Add(result);
            return result;
        }

        /// <summary>Encodes a message as a complete frame: header with the body length, body, BCC, escaped, between flags.</summary>
        /// <param name="message">The message; its typed body is written if set, else <see cref="Jt808Message.BodyBytes"/>.</param>
        /// <param name="frame">The frame bytes, or null when encoding is impossible.</param>
        /// <returns>False when the body is longer than 1023 bytes or the phone number is not digits that fit the header.</returns>
        public bool TryEncode(Jt808Message message, out byte[] frame)
        {
            frame = null;
            Jt808Header h = message.Header;
            _writer.Clear();

            // Header placeholder first, body after it, then the header is filled in once the body length is known.
            int headerLength = h.HeaderLength;
            for (int i = 0; i < headerLength; i++)
            {
                _writer.WriteByte(0);
            }

            if (message.Body != null)
            {
                message.Body.Encode(_writer, h.Is2019Layout);
            }
            else
            {
                _writer.WriteBytes(message.BodyBytes);
            }

            int bodyLength = _writer.Length - headerLength;
            if (bodyLength > MaxBodyLength)
            {
                return false;
            }

            h.BodyLength = bodyLength;
            byte[] b = _writer.Buffer;
            b[0] = (byte)(h.MessageId >> 8);
            b[1] = (byte)h.MessageId;
            b[2] = (byte)(h.Attributes >> 8);
            b[3] = (byte)h.Attributes;
            int p = 4;
            if (h.Is2019Layout)
            {
                b[p++] = (byte)h.ProtocolVersion;
            }

            if (!Jt808Bytes.TryWriteBcd(h.Phone, b, p, h.PhoneBytes))
            {
                return false;
            }

            p += h.PhoneBytes;
            b[p++] = (byte)(h.SequenceNumber >> 8);
            b[p++] = (byte)h.SequenceNumber;
            if (h.IsSubpackage)
            {
                b[p++] = (byte)(h.PackageCount >> 8);
                b[p++] = (byte)h.PackageCount;
                b[p++] = (byte)(h.PackageIndex >> 8);
                b[p] = (byte)h.PackageIndex;
            }

            int contentLength = _writer.Length;
            byte bcc = Xor(b, 0, contentLength);
            int escaped = 2 + contentLength + 1 + CountEscapes(b, 0, contentLength) + (bcc == Flag || bcc == Escape ? 1 : 0);
            byte[] output = new byte[escaped];
            int o = 0;
            output[o++] = Flag;
            for (int i = 0; i < contentLength; i++)
            {
                o = PutEscaped(output, o, b[i]);
            }

            o = PutEscaped(output, o, bcc);
            output[o] = Flag;
            frame = output;
            return true;
        }

        /// <summary>
        /// Encodes a message as one frame, or, when its body is longer than <paramref name="maxBodyBytesPerPackage"/>, as
        /// sub-packages (header bit 13, package count and index from 1) with consecutive sequence numbers starting at the
        /// header's; <see cref="Jt808SubpackageAssembler"/> joins them back.
        /// </summary>
        /// <param name="message">The message; its typed body is written if set, else <see cref="Jt808Message.BodyBytes"/>.</param>
        /// <param name="maxBodyBytesPerPackage">Largest body per package, 1 to 1023 (values outside mean 1023).</param>
        /// <param name="frames">The frames in sending order, or null when encoding is impossible.</param>
        /// <returns>False when more than 65,535 packages would be needed or the phone number is not digits that fit the header.</returns>
        public bool TryEncodePackages(Jt808Message message, int maxBodyBytesPerPackage, out byte[][] frames)
        {
            frames = null;
            int perPackage = maxBodyBytesPerPackage < 1 || maxBodyBytesPerPackage > MaxBodyLength ? MaxBodyLength : maxBodyBytesPerPackage;
            if (_bodyWriter == null)
            {
                _bodyWriter = new Jt808Writer(256);
            }

            _bodyWriter.Clear();
            Jt808Header h = message.Header;
            if (message.Body != null)
            {
                message.Body.Encode(_bodyWriter, h.Is2019Layout);
            }
            else
            {
                _bodyWriter.WriteBytes(message.BodyBytes);
            }

            int total = _bodyWriter.Length;
            if (total <= perPackage)
            {
                var whole = new Jt808Message { Header = h, BodyBytes = _bodyWriter.ToArray() };
                if (!TryEncode(whole, out byte[] frame))
                {
                    return false;
                }

                frames = new byte[][] { frame };
                return true;
            }

            int count = (total + perPackage - 1) / perPackage;
            if (count > 0xFFFF)
            {
                return false;
            }

            byte[][] result = new byte[count][];
            for (int i = 0; i < count; i++)
            {
                int start = i * perPackage;
                int length = total - start < perPackage ? total - start : perPackage;
                var header = new Jt808Header
                {
                    MessageId = h.MessageId,
                    EncryptionMode = h.EncryptionMode,
                    IsSubpackage = true,
                    VersionFlag = h.VersionFlag,
                    ReservedBit15 = h.ReservedBit15,
                    Is2019Layout = h.Is2019Layout,
                    ProtocolVersion = h.ProtocolVersion,
                    Phone = h.Phone,
                    SequenceNumber = (h.SequenceNumber + i) & 0xFFFF,
                    PackageCount = count,
                    PackageIndex = i + 1,
                };
                var package = new Jt808Message { Header = header, BodyBytes = Jt808Bytes.Copy(_bodyWriter.Buffer, start, length) };
                if (!TryEncode(package, out result[i]))
                {
                    return false;
                }
            }

            frames = result;
            return true;
        }

        /// <summary>The JT/T 808 check code: XOR of every byte.</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="length">Byte count.</param>
        /// <returns>The XOR.</returns>
        public static byte Xor(byte[] b, int offset, int length)
        {
            byte x = 0;
            for (int i = offset; i < offset + length; i++)
            {
                x ^= b[i];
            }

            return x;
        }

        private static int CountEscapes(byte[] b, int offset, int length)
        {
            int n = 0;
            for (int i = offset; i < offset + length; i++)
            {
                if (b[i] == Flag || b[i] == Escape)
                {
                    n++;
                }
            }

            return n;
        }

        private static int PutEscaped(byte[] output, int o, byte value)
        {
            if (value == Flag || value == Escape)
            {
                output[o++] = Escape;
                output[o++] = value == Flag ? (byte)0x02 : (byte)0x01;
            }
            else
            {
                output[o++] = value;
            }

            return o;
        }

        private string Phone(byte[] c, int offset, int length)
        {
            bool same = _phone != null && length == _phoneBcdLength;
            for (int i = 0; same && i < length; i++)
            {
                same = c[offset + i] == _phoneBcd[i];
            }

            if (!same)
            {
                System.Array.Copy(c, offset, _phoneBcd, 0, length);
                _phoneBcdLength = length;
                _phone = Jt808Bytes.BcdToString(c, offset, length);
            }

            return _phone;
        }

        private Jt808DecodeResult Decode(byte[] frame, int offset, int length, out Jt808Message message)
        {
            message = null;
            if (frame == null || offset < 0 || length < 2 || offset + length > frame.Length)
            {
                return Jt808DecodeResult.Truncated;
            }

            if (frame[offset] != Flag || frame[offset + length - 1] != Flag)
            {
                return Jt808DecodeResult.MissingFlag;
            }

            // Unescape the content between the flags into the scratch buffer.
            byte[] c = _scratch;
            int n = 0;
            int end = offset + length - 1;
            for (int i = offset + 1; i < end; i++)
            {
                byte v = frame[i];
                if (v == Flag)
                {
                    return Jt808DecodeResult.BadEscape;
                }

                if (v == Escape)
                {
                    byte next = i + 1 < end ? frame[i + 1] : (byte)0;
                    if (next == 0x01 || next == 0x02)
                    {
                        v = next == 0x02 ? Flag : Escape;
                        i++;
                    }
                    else if (StrictEscapes)
                    {
                        return Jt808DecodeResult.BadEscape;
                    }
                    else
                    {
                        Statistics.EscapesIgnored++;
                    }
                }

                if (n == c.Length)
                {
                    return Jt808DecodeResult.TooLong;
                }

                c[n++] = v;
            }

            if (n < 13)
            {
                return Jt808DecodeResult.Truncated;
            }

            int content = n - 1;
            bool checksumOk = Xor(c, 0, content) == c[content];
            if (!checksumOk)
            {
                if (VerifyChecksum)
                {
                    return Jt808DecodeResult.WrongChecksum;
                }

                Statistics.ChecksumIgnored++;
            }

            int attributes = Jt808Bytes.ReadUInt16(c, 2);
            var h = new Jt808Header
            {
                MessageId = Jt808Bytes.ReadUInt16(c, 0),
                BodyLength = attributes & 0x3FF,
                EncryptionMode = (attributes >> 10) & 0x7,
                IsSubpackage = (attributes & (1 << 13)) != 0,
                VersionFlag = (attributes & (1 << 14)) != 0,
                ReservedBit15 = (attributes & (1 << 15)) != 0,
            };

            // The layout whose length matches wins: a 2013 terminal that sets bit 14 still decodes (SmallChi's JTT2013Force case).
            h.Is2019Layout = h.VersionFlag;
            if (content != h.HeaderLength + h.BodyLength && h.VersionFlag)
            {
                h.Is2019Layout = false;
                if (content == h.HeaderLength + h.BodyLength)
                {
                    Statistics.VersionFlagWith2013Header++;
                }
                else
                {
                    h.Is2019Layout = true;
                }
            }

            if (content < h.HeaderLength)
            {
                return Jt808DecodeResult.Truncated;
            }

            if (content != h.HeaderLength + h.BodyLength)
            {
                return Jt808DecodeResult.BodyLengthMismatch;
            }

            int p = 4;
            if (h.Is2019Layout)
            {
                h.ProtocolVersion = c[p++];
            }

            h.Phone = Phone(c, p, h.PhoneBytes);
            p += h.PhoneBytes;
            h.SequenceNumber = Jt808Bytes.ReadUInt16(c, p);
            p += 2;
            if (h.IsSubpackage)
            {
                h.PackageCount = Jt808Bytes.ReadUInt16(c, p);
                h.PackageIndex = Jt808Bytes.ReadUInt16(c, p + 2);
                p += 4;
            }

            message = new Jt808Message
            {
                Header = h,
                BodyBytes = Jt808Bytes.Copy(c, p, h.BodyLength),
                Checksum = c[content],
                ChecksumOk = checksumOk,
            };
            if (h.IsSubpackage || h.EncryptionMode != 0)
            {
                return Jt808DecodeResult.UnknownMessageId;
            }

            int known = DecodeBody(h.MessageId, c, p, h.BodyLength, h.Is2019Layout, out Jt808Body body);
            message.Body = body;
            return known > 0 ? Jt808DecodeResult.Ok : known == 0 ? Jt808DecodeResult.UnknownMessageId : Jt808DecodeResult.BodyMalformed;
        }

        /// <summary>The body decoder table: 1 decoded, 0 no decoder for the id, -1 malformed.</summary>
        internal static int DecodeBody(int messageId, byte[] b, int offset, int length, bool version2019, out Jt808Body body)
        {
            body = null;
            bool ok;
            switch (messageId)
            {
                case Jt808MessageIds.TerminalGeneralResponse:
                case Jt808MessageIds.PlatformGeneralResponse:
                    ok = Jt808GeneralResponse.TryDecode(b, offset, length, out Jt808GeneralResponse response);
                    body = response;
                    break;
                case Jt808MessageIds.Heartbeat:
                case Jt808MessageIds.Deregistration:
                case Jt808MessageIds.QueryParameters:
                case Jt808MessageIds.LocationQuery:
                    ok = length == 0;
                    body = ok ? Jt808EmptyBody.Instance : null;
                    break;
                case Jt808MessageIds.Registration:
                    ok = Jt808Registration.TryDecode(b, offset, length, version2019, out Jt808Registration registration);
                    body = registration;
                    break;
                case Jt808MessageIds.RegistrationResponse:
                    ok = Jt808RegistrationResponse.TryDecode(b, offset, length, out Jt808RegistrationResponse registrationResponse);
                    body = registrationResponse;
                    break;
                case Jt808MessageIds.Authentication:
                    ok = Jt808Authentication.TryDecode(b, offset, length, version2019, out Jt808Authentication authentication);
                    body = authentication;
                    break;
                case Jt808MessageIds.LocationReport:
                    ok = Jt808LocationReport.TryDecode(b, offset, length, out Jt808LocationReport report);
                    body = report;
                    break;
                case Jt808MessageIds.LocationBatch:
                    ok = Jt808LocationBatch.TryDecode(b, offset, length, out Jt808LocationBatch batch);
                    body = batch;
                    break;
                case Jt808MessageIds.SetParameters:
                    ok = Jt808SetParameters.TryDecode(b, offset, length, out Jt808SetParameters setParameters);
                    body = setParameters;
                    break;
                case Jt808MessageIds.ParameterResponse:
                    ok = Jt808ParameterResponse.TryDecode(b, offset, length, out Jt808ParameterResponse parameterResponse);
                    body = parameterResponse;
                    break;
                case Jt808MessageIds.LocationQueryResponse:
                    ok = Jt808LocationQueryResponse.TryDecode(b, offset, length, out Jt808LocationQueryResponse queryResponse);
                    body = queryResponse;
                    break;
                case Jt808MessageIds.TemporaryTracking:
                    ok = Jt808TemporaryTracking.TryDecode(b, offset, length, out Jt808TemporaryTracking tracking);
                    body = tracking;
                    break;
                case Jt808MessageIds.TextMessage:
                    ok = Jt808TextMessage.TryDecode(b, offset, length, version2019, out Jt808TextMessage text);
                    body = text;
                    break;
                case Jt808MessageIds.SetCircleAreas:
                case Jt808MessageIds.SetRectangleAreas:
                case Jt808MessageIds.SetPolygonArea:
                    ok = Jt808SetAreas.TryDecode(messageId, b, offset, length, version2019, out Jt808SetAreas areas);
                    body = areas;
                    break;
                case Jt808MessageIds.DeleteCircleAreas:
                case Jt808MessageIds.DeleteRectangleAreas:
                case Jt808MessageIds.DeletePolygonAreas:
                case Jt808MessageIds.DeleteRoutes:
                    ok = Jt808DeleteAreas.TryDecode(b, offset, length, out Jt808DeleteAreas delete);
                    body = delete;
                    break;
                case Jt808MessageIds.QuerySpecificParameters:
                    ok = Jt808QuerySpecificParameters.TryDecode(b, offset, length, out Jt808QuerySpecificParameters query);
                    body = query;
                    break;
                case Jt808MessageIds.SetRoute:
                    ok = Jt808SetRoute.TryDecode(b, offset, length, version2019, out Jt808SetRoute route);
                    body = route;
                    break;
                default:
                    return 0;
            }

            return ok ? 1 : -1;
        }
    }
}
