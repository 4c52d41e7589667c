namespace EdgeSdk.Jt808
{
    /// <summary>
    /// Joins sub-packages (header bit 13, package count/index) back into one message and decodes its body. Packages of
    /// one message are matched by phone, message id and the sequence number of package 1 (sub-packages carry consecutive
    /// sequence numbers). Bounded: at most <see cref="MaxPendingMessages"/> messages are assembled at once (when full,
    /// the one that started longest ago is dropped and counted in <see cref="MessagesEvicted"/>) and a message may have
    /// at most <see cref="MaxPackages"/> packages. Not thread-safe.
    /// </summary>
    public sealed class Jt808SubpackageAssembler
    {
        private readonly Pending[] _slots;
        private long _clock;

        /// <summary>Creates an assembler.</summary>
        /// <param name="maxPendingMessages">Messages assembled at once (at least 1).</param>
        /// <param name="maxPackages">Largest package count accepted (at least 1); bounds memory to about maxPendingMessages × maxPackages × 1023 bytes.</param>
        public Jt808SubpackageAssembler(int maxPendingMessages, int maxPackages)
        {
            MaxPendingMessages = maxPendingMessages < 1 ? 1 : maxPendingMessages;
            MaxPackages = maxPackages < 1 ? 1 : maxPackages;
            _slots = new Pending[MaxPendingMessages];
        }

        /// <summary>Messages assembled at once.</summary>
        public int MaxPendingMessages { get; }

        /// <summary>Largest package count accepted.</summary>
        public int MaxPackages { get; }

        /// <summary>Incomplete messages dropped to make room for a newer one.</summary>
        public long MessagesEvicted { get; private set; }

        /// <summary>Messages completed.</summary>
        public long MessagesCompleted { get; private set; }

        /// <summary>Packages refused as <see cref="Jt808AssembleResult.Invalid"/>.</summary>
        public long PackagesInvalid { get; private set; }

        /// <summary>Packages ignored as <see cref="Jt808AssembleResult.Duplicate"/>.</summary>
        public long PackagesDuplicate { get; private set; }

        /// <summary>Adds one decoded package.</summary>
        /// <param name="package">A message from <see cref="Jt808Codec.TryDecode"/>.</param>
        /// <param name="complete">On <see cref="Jt808AssembleResult.Complete"/>, the whole message: header of package 1 without the sub-package bit, body joined and decoded (typed when the id is known and the body valid, else null with <see cref="Jt808Message.BodyBytes"/> raw).</param>
        /// <returns>What happened.</returns>
        public Jt808AssembleResult TryAdd(Jt808Message package, out Jt808Message complete)
        {
            complete = null;
            Jt808Header h = package.Header;
            if (!h.IsSubpackage)
            {
                return Jt808AssembleResult.NotSubpackage;
            }

            if (h.PackageCount < 1 || h.PackageCount > MaxPackages || h.PackageIndex < 1 || h.PackageIndex > h.PackageCount)
            {
                PackagesInvalid++;
                return Jt808AssembleResult.Invalid;
            }

            int firstSequence = (h.SequenceNumber - (h.PackageIndex - 1)) & 0xFFFF;
            Pending slot = Find(h, firstSequence);
            if (slot == null)
            {
                slot = Allocate(h, firstSequence);
            }
            else if (slot.Parts.Length != h.PackageCount)
            {
                PackagesInvalid++;
                return Jt808AssembleResult.Invalid;
            }

            if (slot.Parts[h.PackageIndex - 1] != null)
            {
                PackagesDuplicate++;
                return Jt808AssembleResult.Duplicate;
            }

            slot.Parts[h.PackageIndex - 1] = package.BodyBytes;
            slot.Received++;
            if (h.PackageIndex == 1)
            {
                slot.First = h;
            }

            if (slot.Received < slot.Parts.Length)
            {
                return Jt808AssembleResult.Pending;
            }

            complete = Join(slot);
            Release(slot);
            MessagesCompleted++;
            return Jt808AssembleResult.Complete;
        }

        private static Jt808Message Join(Pending slot)
        {
            int total = 0;
            for (int i = 0; i < slot.Parts.Length; i++)
            {
                total += slot.Parts[i].Length;
            }

            byte[] body = new byte[total];
            int p = 0;
            for (int i = 0; i < slot.Parts.Length; i++)
            {
                System.Array.Copy(slot.Parts[i], 0, body, p, slot.Parts[i].Length);
                p += slot.Parts[i].Length;
            }

            Jt808Header f = slot.First;
            var header = new Jt808Header
            {
                MessageId = f.MessageId,
                BodyLength = total,
                EncryptionMode = f.EncryptionMode,
                VersionFlag = f.VersionFlag,
                ReservedBit15 = f.ReservedBit15,
                Is2019Layout = f.Is2019Layout,
                ProtocolVersion = f.ProtocolVersion,
                Phone = f.Phone,
                SequenceNumber = f.SequenceNumber,
            };
            var message = new Jt808Message { Header = header, BodyBytes = body, ChecksumOk = true };
            if (f.EncryptionMode == 0 && Jt808Codec.DecodeBody(f.MessageId, body, 0, total, f.Is2019Layout, out Jt808Body typed) > 0)
            {
                message.Body = typed;
            }

            return message;
        }

        private Pending Find(Jt808Header h, int firstSequence)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                Pending s = _slots[i];
                if (s != null && s.MessageId == h.MessageId && s.FirstSequence == firstSequence && s.Phone == h.Phone)
                {
                    return s;
                }
            }

            return null;
        }

        private Pending Allocate(Jt808Header h, int firstSequence)
        {
            int target = -1;
            for (int i = 0; i < _slots.Length && target < 0; i++)
            {
                if (_slots[i] == null)
                {
                    target = i;
                }
            }

            if (target < 0)
            {
                // Full: the message that started longest ago is the least likely to complete.
                target = 0;
                for (int i = 1; i < _slots.Length; i++)
                {
                    if (_slots[i].Started < _slots[target].Started)
                    {
                        target = i;
                    }
                }

                MessagesEvicted++;
            }

            var slot = new Pending
            {
                Index = target,
                MessageId = h.MessageId,
                Phone = h.Phone,
                FirstSequence = firstSequence,
                Parts = new byte[h.PackageCount][],
                Started = ++_clock,
                First = h,
            };
            _slots[target] = slot;
            return slot;
        }

        private void Release(Pending slot) => _slots[slot.Index] = null;

        private sealed class Pending
        {
            public int Index;
            public int MessageId;
            public string Phone;
            public int FirstSequence;
            public byte[][] Parts;
            public int Received;
            public long Started;
            public Jt808Header First;
        }
    }
}
