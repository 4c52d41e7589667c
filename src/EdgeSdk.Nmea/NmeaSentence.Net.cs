using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeSdk.Nmea;

/// <content>
/// The .NET fast path (this file is left out of the nanoFramework build): one vectorised pass that finds the
/// line end, XORs the checksum and records comma positions from the same loads, and fixed-width field readers
/// that take several digits at a time (SWAR). Every result equals the portable path's; the portable code in
/// NmeaSentence.cs stays the reference, and tests/EdgeSdk.Nmea.Tests/FastPathDifferentialTests.cs compares both.
/// </content>
public sealed partial class NmeaSentence
{
    private const ulong Zeros8 = 0x3030303030303030UL;
    private const ulong DigitCarry8 = 0x7676767676767676UL; // + this sets bit 7 of every byte above 9
    private const ulong High8 = 0x8080808080808080UL;

    // 32 bytes of 0xFF then 32 of 0x00: a load at 32 - n keeps the first n bytes of a block.
    private static readonly byte[] PrefixMask = BuildPrefixMask();

    // One bit per byte of the scanned line (bit r: byte start + 1 + r is a comma), 32 bits per block.
    private ulong[] _commaBits = Array.Empty<ulong>();

    // What the last ScanLine covered, so Frame does not scan the same line twice.
    private byte[]? _scanBuffer;
    private int _scanStart = -1;
    private int _scanEnd = -1;
    private int _scanXor;

    /// <summary>The XOR of the bytes the last <see cref="ScanLine"/> passed over (start character excluded).</summary>
    internal int ScanXor => _scanXor;

    /// <summary>True when this sentence frames and its typed decoders decode through the fast path.</summary>
    internal bool FastPath { get; private set; }

    /// <summary>Switches the fast path on or off for lines of up to <paramref name="maxLength"/> characters.</summary>
    internal void SetFastPath(bool on, int maxLength)
    {
        if (on && _commaBits.Length == 0)
        {
            // maxLength + 1 bytes are scanned, in 32-byte blocks, two blocks per word.
            _commaBits = new ulong[((maxLength + 1 + 31) / 32 / 2) + 2];
        }

        FastPath = on;
        _scanBuffer = null;
        _scanEnd = -1;
    }

    /// <summary>
    /// Scans <paramref name="buffer"/> from <paramref name="start"/> + 1 for the first byte that ends a line
    /// (control, non-ASCII, <c>$</c>, <c>!</c>; the same set as <see cref="NmeaReader"/>), stopping at
    /// <paramref name="limit"/>; returns that index (or <paramref name="limit"/>). On the way it XORs the bytes and
    /// records the commas for <see cref="FrameFast"/>.
    /// </summary>
    internal int ScanLine(byte[] buffer, int start, int limit)
    {
        ref byte data = ref MemoryMarshal.GetArrayDataReference(buffer);
        ulong[] bits = _commaBits;
        int origin = start + 1;
        int i = origin;
        int block = 0;
        ulong xor = 0;
        bool ended = false;
        // 32-byte blocks: one AVX2 load, or two 16-byte loads (SSE2, Arm64 AdvSimd) whose masks are joined, so the
        // comma bits have one layout either way. Without the second, NativeAOT's default x64 target (no AVX2) and
        // every Arm64 board (a Raspberry Pi) scanned one byte at a time below: 2.6x the AVX2 scan's time.
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> acc = Vector256<byte>.Zero;
            while (i < limit && i <= buffer.Length - 32)
            {
                Vector256<byte> v = Vector256.LoadUnsafe(ref data, (nuint)i);
                uint endMask = LineEnds(v).ExtractMostSignificantBits();
                uint commaMask = Vector256.Equals(v, Vector256.Create((byte)',')).ExtractMostSignificantBits();
                int n = BlockLength(endMask, limit - i);
                if (n < 32)
                {
                    v &= Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(PrefixMask), (nuint)(32 - n));
                    commaMask &= (1u << n) - 1;
                    ended = true;
                }

                acc ^= v;
                StoreBlock(bits, block, commaMask);
                block++;
                i += n;
                if (ended)
                {
                    break;
                }
            }

            Vector256<ulong> words = acc.AsUInt64();
            xor = words.GetElement(0) ^ words.GetElement(1) ^ words.GetElement(2) ^ words.GetElement(3);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> acc = Vector128<byte>.Zero;
            while (i < limit && i <= buffer.Length - 32)
            {
                Vector128<byte> lo = Vector128.LoadUnsafe(ref data, (nuint)i);
                Vector128<byte> hi = Vector128.LoadUnsafe(ref data, (nuint)(i + 16));
                uint endMask = LineEnds(lo).ExtractMostSignificantBits() | (LineEnds(hi).ExtractMostSignificantBits() << 16);
                Vector128<byte> comma = Vector128.Create((byte)',');
                uint commaMask = Vector128.Equals(lo, comma).ExtractMostSignificantBits() | (Vector128.Equals(hi, comma).ExtractMostSignificantBits() << 16);
                int n = BlockLength(endMask, limit - i);
                if (n < 32)
                {
                    ref byte prefix = ref MemoryMarshal.GetArrayDataReference(PrefixMask);
                    lo &= Vector128.LoadUnsafe(ref prefix, (nuint)(32 - n));
                    hi &= Vector128.LoadUnsafe(ref prefix, (nuint)(48 - n));
                    commaMask &= (1u << n) - 1;
                    ended = true;
                }

                acc ^= lo ^ hi;
                StoreBlock(bits, block, commaMask);
                block++;
                i += n;
                if (ended)
                {
                    break;
                }
            }

            Vector128<ulong> words = acc.AsUInt64();
            xor = words.GetElement(0) ^ words.GetElement(1);
        }

        if (!ended && i < limit)
        {
            // The last bytes of the array (or no vector hardware): one byte at a time, same rules.
            int rel = i - origin;
            if ((rel & 32) == 0)
            {
                bits[rel >> 6] = 0;
            }

            while (i < limit)
            {
                byte b = Unsafe.Add(ref data, i);
                if (b < 0x20 || b > 0x7E || b == '$' || b == '!')
                {
                    break;
                }

                xor ^= b;
                if (b == ',')
                {
                    rel = i - origin;
                    bits[rel >> 6] |= 1UL << rel;
                }

                i++;
                rel = i - origin;
                if ((rel & 63) == 0 && i < limit)
                {
                    bits[rel >> 6] = 0;
                }
            }
        }

        xor ^= xor >> 32;
        xor ^= xor >> 16;
        xor ^= xor >> 8;
        if (_scanBuffer != buffer)
        {
            _scanBuffer = buffer; // only when it changes: a reference store costs a GC write barrier
        }

        _scanStart = start;
        _scanEnd = i;
        _scanXor = (int)(xor & 0xFF);
        return i;
    }

    // Bytes that end a line (the reader's set): control, non-ASCII, '$', '!'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> LineEnds(Vector256<byte> v) =>
        Vector256.GreaterThan(v - Vector256.Create((byte)0x20), Vector256.Create((byte)0x5E))
        | Vector256.Equals(v, Vector256.Create((byte)'$')) | Vector256.Equals(v, Vector256.Create((byte)'!'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> LineEnds(Vector128<byte> v) =>
        Vector128.GreaterThan(v - Vector128.Create((byte)0x20), Vector128.Create((byte)0x5E))
        | Vector128.Equals(v, Vector128.Create((byte)'$')) | Vector128.Equals(v, Vector128.Create((byte)'!'));

    // The bytes of a 32-byte block that belong to the line: up to its first line end, at most the bytes left.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BlockLength(uint endMask, int left)
    {
        int n = endMask == 0 ? 32 : BitOperations.TrailingZeroCount(endMask);
        return n > left ? left : n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBlock(ulong[] bits, int block, uint mask)
    {
        if ((block & 1) == 0)
        {
            bits[block >> 1] = mask;
        }
        else
        {
            bits[block >> 1] |= (ulong)mask << 32;
        }
    }

    // The same checks, in the same order, as the portable loop in Frame, from the scan's XOR and comma bits.
    partial void FrameFast(byte[] buffer, int start, int length, NmeaChecksumPolicy policy, bool cleanEnd, ref int reason)
    {
        if (!FastPath)
        {
            return;
        }

        int end = start + length;
        if (_scanBuffer != buffer || _scanStart != start || _scanEnd != end)
        {
            if (ScanLine(buffer, start, end) != end)
            {
                return; // a line end inside (a caller's own bytes): the portable loop decides
            }
        }

        _scanEnd = -1; // used up (no scan ends before start + 1)
        if (_buffer != buffer)
        {
            _buffer = buffer; // as _scanBuffer: no write barrier per line
        }

        _start = start;
        _length = length;
        bool hasChecksum = length >= 4 && buffer[end - 3] == '*';
        HasChecksum = hasChecksum;
        int bodyEnd = hasChecksum ? end - 3 : end;
        if (!hasChecksum && !cleanEnd)
        {
            reason = (int)NmeaRejectReason.Malformed;
            return;
        }

        int xor = _scanXor;
        if (hasChecksum)
        {
            xor ^= '*' ^ buffer[end - 2] ^ buffer[end - 1];
        }

        int origin = start + 1;
        int body = bodyEnd - origin; // bits 0..body-1 are inside the body
        ulong[] bits = _commaBits;
        int words = (body + 63) >> 6;
        if ((body & 63) != 0)
        {
            bits[words - 1] &= (1UL << body) - 1; // the commas of "*HH" and beyond are not separators
        }

        // Counted first, so the split below needs no check per comma: more commas than the arrays hold is
        // Malformed, as the portable loop finds when it meets the first one too many.
        int commas = 0;
        for (int w = 0; w < words; w++)
        {
            commas += BitOperations.PopCount(bits[w]);
        }

        if (commas > _fieldStart.Length - 1)
        {
            reason = (int)NmeaRejectReason.Malformed;
            return;
        }

        int[] fieldEnd = _fieldEnd;
        ref int ends = ref MemoryMarshal.GetArrayDataReference(fieldEnd);
        ref int starts = ref MemoryMarshal.GetArrayDataReference(_fieldStart);
        starts = origin;
        nint n = 0;
        for (int w = 0; w < words; w++)
        {
            ulong m = bits[w];
            int at = origin + (w * 64);
            while (m != 0)
            {
                // n < commas <= the arrays' length - 1, checked above: no bounds checks in this loop.
                int comma = at + BitOperations.TrailingZeroCount(m);
                Unsafe.Add(ref ends, n) = comma;
                n++;
                Unsafe.Add(ref starts, n) = comma + 1;
                m &= m - 1;
            }
        }

        fieldEnd[commas] = bodyEnd;
        _fields = commas + 1;
        _invalidField = 0;
        if (hasChecksum && policy != NmeaChecksumPolicy.Ignored)
        {
            int hi = NmeaChecksum.HexValue(buffer[end - 2]);
            int lo = NmeaChecksum.HexValue(buffer[end - 1]);
            if (hi < 0 || lo < 0)
            {
                reason = (int)NmeaRejectReason.Malformed;
                return;
            }

            if (((hi << 4) | lo) != xor)
            {
                reason = (int)NmeaRejectReason.BadChecksum;
                return;
            }
        }
        else if (policy == NmeaChecksumPolicy.Required)
        {
            reason = (int)NmeaRejectReason.MissingChecksum;
            return;
        }

        reason = (int)ReadAddressFast();
    }

    // As ReadAddress for the usual five-character address: one 8-byte load, the five bytes checked as letters or
    // digits at once (the scan passed only 0x20..0x7E, so adding a constant to a byte never carries into the next),
    // then the same type and talker lookup (SetAddress). Anything else goes through ReadAddress.
    private NmeaRejectReason ReadAddressFast()
    {
        int s = StartOf(0);
        if (EndOf(0) - s != 5 || !BitConverter.IsLittleEndian || s > _buffer.Length - 8)
        {
            return ReadAddress();
        }

        const ulong Five = 0x000000FFFFFFFFFFUL;
        const ulong High5 = 0x0000008080808080UL;
        ulong x = Load64(s) & Five;
        ulong atLeast0 = x + 0x5050505050UL;    // bit 7 set where byte >= '0'
        ulong above9 = x + 0x4646464646UL;      // ... where byte >= '9' + 1
        ulong atLeastA = x + 0x3F3F3F3F3FUL;    // ... where byte >= 'A'
        ulong aboveZ = x + 0x2525252525UL;      // ... where byte >= 'Z' + 1
        if ((((atLeast0 & ~above9) | (atLeastA & ~aboveZ)) & High5) != High5)
        {
            return NmeaRejectReason.Malformed;
        }

        return SetAddress(s, 5);
    }

    // ---- Fixed-width field readers: the same answers as ReadInt/ReadDouble/ReadTime/ReadDate/ReadCoordinate ----

    /// <summary>As <c>ReadInt(s, index, absent)</c>: one to four plain digits inline, anything else through <see cref="TryGetInt32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int FastInt(int index, int absent)
    {
        if ((uint)index >= (uint)_fields)
        {
            return absent;
        }

        int v = ShortNumber(index);
        return v >= 0 ? v : v == -1 ? absent : SlowInt(index, absent);
    }

    /// <summary>As <c>ReadDouble(s, index)</c> for fields that are mostly short whole numbers (GSV's elevation, azimuth, SNR).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double FastSmallDouble(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return double.NaN;
        }

        int v = ShortNumber(index);
        return v >= 0 ? v : v == -1 ? double.NaN : FastDouble(index);
    }

    // Field index (< _fields) as a number when it is one to three plain digits; -1 when empty; -2 for anything else.
    // Most numbers in real traffic are like this (GSV: satellite, elevation, azimuth, SNR), so no loop, no call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ShortNumber(int index)
    {
        int s = StartOf(index);
        int n = EndOf(index) - s;
        ref byte b = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), s);
        uint d0 = (uint)(b - '0');
        if (n == 2)
        {
            uint d1 = (uint)(Unsafe.Add(ref b, 1) - '0');
            return d0 <= 9 && d1 <= 9 ? (int)((d0 * 10) + d1) : -2;
        }

        if (n == 3)
        {
            uint d1 = (uint)(Unsafe.Add(ref b, 1) - '0');
            uint d2 = (uint)(Unsafe.Add(ref b, 2) - '0');
            return d0 <= 9 && d1 <= 9 && d2 <= 9 ? (int)((d0 * 100) + (d1 * 10) + d2) : -2;
        }

        if (n == 1)
        {
            return d0 <= 9 ? (int)d0 : -2;
        }

        return n == 0 ? -1 : -2;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int SlowInt(int index, int absent) => TryGetInt32(index, out int value) ? value : absent;

    /// <summary>As <c>ReadDouble(s, index)</c>: signed numbers of up to eight characters at once, anything else through <see cref="TryGetDouble"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal double FastDouble(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return double.NaN;
        }

        int s = StartOf(index);
        int n = EndOf(index) - s;
        if (n == 0)
        {
            return double.NaN;
        }

        if (n <= 8 && BitConverter.IsLittleEndian && s <= _buffer.Length - 8)
        {
            ulong u = Load64(s);
            // A sign as the portable reader takes it (GGA's geoid separation is often negative): the value is
            // negated after the division, as there, so -0.0 stays -0.0.
            byte first = (byte)u;
            bool negative = first == '-';
            if (negative || first == '+')
            {
                u >>= 8;
                n--;
            }

            int dot = DotPosition(u, n); // -1 for a sign alone, which the portable reader below names invalid
            if (dot < 0 && n > 0)
            {
                if (Digits(u, n, out ulong whole))
                {
                    return negative ? -(double)whole : whole;
                }
            }
            else if (dot > 0 && dot < n - 1)
            {
                // "ii.ff": drop the dot, read the n - 1 digits as one integer, one division as the portable reader.
                ulong below = (1UL << (dot * 8)) - 1;
                ulong packed = (u & below) | ((u >> 8) & ~below);
                if (Digits(packed, n - 1, out ulong mantissa))
                {
                    double v = mantissa / Pow10[n - 1 - dot];
                    return negative ? -v : v;
                }
            }
        }

        TryGetDouble(index, out double value);
        return value;
    }

    /// <summary>As <c>ReadTime(s, index)</c>: <c>hhmmss</c> in one 64-bit step, the fraction to the millisecond.</summary>
    internal NmeaTime FastTime(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return default;
        }

        int s = StartOf(index);
        int e = EndOf(index);
        int n = e - s;
        if (n == 0)
        {
            return default;
        }

        if (n < 6 || !BitConverter.IsLittleEndian || s > _buffer.Length - 8)
        {
            return TryGetTime(index, out NmeaTime t) ? t : default;
        }

        ulong x = (Load64(s) ^ Zeros8) & 0xFFFFFFFFFFFFUL;
        int ms = 0;
        bool ok = (((x + DigitCarry8) | x) & High8) == 0;
        if (ok)
        {
            x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FFUL;
            ok = (x & 0xFF) <= 23 && ((x >> 16) & 0xFF) <= 59 && (x >> 32) <= 60;
        }

        if (ok && n > 6)
        {
            ref byte b = ref MemoryMarshal.GetArrayDataReference(_buffer);
            ok = Unsafe.Add(ref b, s + 6) == '.';
            int scale = 100;
            for (int i = s + 7; ok && i < e; i++)
            {
                int d = Unsafe.Add(ref b, i) - '0';
                ok = (uint)d <= 9;
                ms += d * scale;
                scale = scale == 100 ? 10 : scale == 10 ? 1 : 0; // no division: 100, 10, 1, then digits past the millisecond count 0
            }
        }

        if (!ok)
        {
            MarkFieldInvalid(index);
            return default;
        }

        return new NmeaTime((int)(x & 0xFF), (int)((x >> 16) & 0xFF), (int)(x >> 32), ms);
    }

    /// <summary>As <c>ReadDate(s, index)</c>: <c>ddmmyy</c> in one 64-bit step.</summary>
    internal NmeaDate FastDate(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return default;
        }

        int s = StartOf(index);
        int n = EndOf(index) - s;
        if (n == 0)
        {
            return default;
        }

        if (n != 6 || !BitConverter.IsLittleEndian || s > _buffer.Length - 8)
        {
            return TryGetDate(index, out NmeaDate d) ? d : default;
        }

        ulong x = (Load64(s) ^ Zeros8) & 0xFFFFFFFFFFFFUL;
        if ((((x + DigitCarry8) | x) & High8) == 0)
        {
            x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FFUL;
            var date = new NmeaDate(NmeaDate.YearFromTwoDigits((int)(x >> 32)), (int)((x >> 16) & 0xFF), (int)(x & 0xFF));
            if (date.IsValid)
            {
                return date;
            }
        }

        MarkFieldInvalid(index);
        return default;
    }

    /// <summary>As <c>ReadCoordinate(s, index)</c>: <c>ddmm.f</c> / <c>dddmm.f</c> with up to eight minute decimals at once.</summary>
    internal double FastCoordinate(int index)
    {
        if ((uint)index >= (uint)_fields)
        {
            return double.NaN;
        }

        int s = StartOf(index);
        int n = EndOf(index) - s;
        if (n == 0)
        {
            return double.NaN;
        }

        int next = index + 1;
        if (n > 14 || !BitConverter.IsLittleEndian || s > _buffer.Length - 16 || next >= _fields
            || EndOf(next) - StartOf(next) != 1)
        {
            return TryGetCoordinate(index, out double slow) ? slow : double.NaN;
        }

        ulong u = Load64(s);
        int dot = DotPosition(u, n < 8 ? n : 8);
        int decimals = n - dot - 1;
        if ((dot != 4 && dot != 5) || decimals < 1 || decimals > 8)
        {
            return TryGetCoordinate(index, out double slow) ? slow : double.NaN;
        }

        byte hemisphere = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), StartOf(next));
        bool latitude = hemisphere == 'N' || hemisphere == 'S';
        bool ok = latitude || hemisphere == 'E' || hemisphere == 'W';
        // Degrees are the digits before the last two of the whole part, minutes those two: no division.
        ok &= Digits(u, dot - 2, out ulong deg);
        ok &= Digits(u >> ((dot - 2) * 8), 2, out ulong min);
        ok &= Digits(Load64(s + dot + 1), decimals, out ulong fraction);
        ok &= !((min >= 60 && (min != 60 || fraction != 0)) || deg > 180);
        if (ok)
        {
            long scale = Pow10Long[decimals];
            long units = (((long)((deg * 60) + min)) * scale) + (long)fraction;
            double value = units / (60.0 * scale);
            if (value <= (latitude ? 90.0 : 180.0))
            {
                return hemisphere == 'S' || hemisphere == 'W' ? -value : value;
            }
        }

        MarkFieldInvalid(index);
        return double.NaN;
    }

    // Index of the first '.' among the first n (1..8) bytes of u, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DotPosition(ulong u, int n)
    {
        ulong t = u ^ 0x2E2E2E2E2E2E2E2EUL; // a zero byte where u has '.'
        ulong zero = (t - 0x0101010101010101UL) & ~t & High8;
        if (n < 8)
        {
            zero &= (1UL << (n * 8)) - 1;
        }

        return zero == 0 ? -1 : BitOperations.TrailingZeroCount(zero) >> 3;
    }

    // The first count (1..8) bytes of u as a decimal number, most significant first; false if one is not a digit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ulong u, int count, out ulong value)
    {
        ulong x = (u ^ Zeros8) << ((8 - count) * 8);
        if ((((x + DigitCarry8) | x) & High8) != 0)
        {
            value = 0;
            return false;
        }

        x = ((x * 10) + (x >> 8)) & 0x00FF00FF00FF00FFUL;
        x = ((x * 100) + (x >> 16)) & 0x0000FFFF0000FFFFUL;
        value = ((x * 10000) + (x >> 32)) & 0xFFFFFFFFUL;
        return true;
    }

    // Field bounds without bounds checks: callers have checked 0 <= index < _fields (<= the arrays' length).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StartOf(int index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fieldStart), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndOf(int index) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_fieldEnd), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Load64(int at) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), at));

    private static byte[] BuildPrefixMask()
    {
        byte[] m = new byte[64];
        for (int i = 0; i < 32; i++)
        {
            m[i] = 0xFF;
        }

        return m;
    }
}
