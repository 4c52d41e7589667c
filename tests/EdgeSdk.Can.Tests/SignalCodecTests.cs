namespace EdgeSdk.Can.Tests;

public class SignalCodecTests
{
    private static CanSignal Signal(string dbc, string message, string name) =>
        DbcDatabase.Load(TestFiles.Dbc(dbc)).FindMessage(message)!.Signals.Single(s => s.Name == name);

    // Hand-worked Motorola frames (DBC convention: start bit = MSB, sawtooth numbering; bits run from the start bit
    // down to bit 0 of its byte, then from bit 7 of the next byte), as opendbc's parser reads them.
    [Theory]
    // STEERING_ANGLE 13|13@0+ (0.05): byte1 bits 5..0 = 0x2A & 0x3F = 101010, byte2 bits 7..1 = 0xCD >> 1 = 1100110
    // → 0b101010_1100110 = 5478 → 273.9 deg.
    [InlineData("STEER_AND_AP_STALK", "STEERING_ANGLE", new byte[] { 0x00, 0x2A, 0xCD, 0x3F, 0x01, 0, 0, 0 }, 5478, 273.90000000000003)]
    // STEERING_DIRECTION 16|1@0+: byte2 bit 0 of 0xCD = 1.
    [InlineData("STEER_AND_AP_STALK", "STEERING_DIRECTION", new byte[] { 0x00, 0x2A, 0xCD, 0x3F, 0x01, 0, 0, 0 }, 1, 1.0)]
    // STEERING_TORQUE 29|14@0+: byte3 bits 5..0 = 111111, byte4 = 00000001 → 63 << 8 | 1 = 16129.
    [InlineData("STEER_AND_AP_STALK", "STEERING_TORQUE", new byte[] { 0x00, 0x2A, 0xCD, 0x3F, 0x01, 0, 0, 0 }, 16129, 16129.0)]
    // IMPRECISE_SPEED 15|8@0+ (3.5): the whole of byte1 = 0x2A = 42 → 147 kph.
    [InlineData("IMPRECISE_SPEED_INFORMATION", "IMPRECISE_SPEED", new byte[] { 0x00, 0x2A, 0, 0, 0, 0, 0, 0 }, 42, 147.0)]
    public void Motorola_signals_match_hand_worked_frames(string message, string signal, byte[] data, long raw, double physical)
    {
        CanSignal s = Signal("gwm_haval_h6_phev_2024.dbc", message, signal);
        Assert.Equal(raw, CanSignalCodec.ReadRaw(s, data, 0));
        Assert.Equal(physical, CanSignalCodec.ToPhysical(s, raw));
    }

    [Fact]
    public void Motorola_signal_deep_in_a_64_byte_fd_frame()
    {
        // CAR_OVERALL_SIGNALS2 is 64 bytes. REQ_REVIEW_POWER_CONSUMPTION 144|9@0+ (1,-175): byte18 bit 0, then byte19
        // bits 7..0 → 1 << 8 | 0x2C = 300 → 125. REQ_REVIEW_POWER_STATE_SIGNAL2 370|1@0+: byte46 bit 2.
        byte[] data = new byte[64];
        data[18] = 0x01;
        data[19] = 0x2C;
        data[46] = 0x04;
        Assert.Equal(300, CanSignalCodec.ReadRaw(Signal("gwm_haval_h6_phev_2024.dbc", "CAR_OVERALL_SIGNALS2", "REQ_REVIEW_POWER_CONSUMPTION"), data, 0));
        Assert.Equal(1, CanSignalCodec.ReadRaw(Signal("gwm_haval_h6_phev_2024.dbc", "CAR_OVERALL_SIGNALS2", "REQ_REVIEW_POWER_STATE_SIGNAL2"), data, 0));
        Assert.Equal(20, Signal("gwm_haval_h6_phev_2024.dbc", "CAR_OVERALL_SIGNALS2", "REQ_REVIEW_POWER_CONSUMPTION").RequiredLengthBytes); // bytes 0..19
    }

    [Fact]
    public void Signals_candied_cannot_read_are_checked_by_hand()
    {
        // vw_mqb WIV_Verschleissindex 0|16@1+ (2e-8,0), WIV_Russindex 16|16@1+ (2e-8,0): Intel, bytes little endian.
        byte[] data = [0x34, 0x12, 0xFF, 0xFF, 0, 0, 0, 0];
        CanSignal wear = Signal("vw_mqb.dbc", "WIV_01", "WIV_Verschleissindex");
        CanSignal soot = Signal("vw_mqb.dbc", "WIV_01", "WIV_Russindex");
        Assert.Equal(2e-8, wear.Factor);
        Assert.Equal(0x1234, CanSignalCodec.ReadRaw(wear, data, 0));
        Assert.Equal(0x1234 * 2e-8, CanSignalCodec.ToPhysical(wear, 0x1234));
        Assert.Equal(65535, CanSignalCodec.ReadRaw(soot, data, 0));
    }

    [Theory]
    [InlineData(CanByteOrder.Intel, 0, 12, true, new byte[] { 0xFF, 0x07 }, 2047)]     // 0x7FF: top bit clear → positive
    [InlineData(CanByteOrder.Intel, 0, 12, true, new byte[] { 0x00, 0x08 }, -2048)]    // 0x800 → -2048
    [InlineData(CanByteOrder.Intel, 4, 8, false, new byte[] { 0xA0, 0x0B }, 0xBA)]    // nibbles across a byte edge
    [InlineData(CanByteOrder.Motorola, 7, 16, false, new byte[] { 0x12, 0x34 }, 0x1234)]
    [InlineData(CanByteOrder.Motorola, 3, 12, false, new byte[] { 0x0A, 0xBC }, 0xABC)]
    [InlineData(CanByteOrder.Motorola, 12, 6, false, new byte[] { 0x00, 0x15, 0x80 }, 0b101011)] // byte1 bits 4..0 = 10101, byte2 bit 7 = 1
    [InlineData(CanByteOrder.Motorola, 7, 8, true, new byte[] { 0xFE }, -2)]
    [InlineData(CanByteOrder.Intel, 0, 64, false, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, -1)] // 2^64-1 as a long
    [InlineData(CanByteOrder.Intel, 0, 64, true, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, -1)]
    [InlineData(CanByteOrder.Motorola, 7, 64, false, new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 }, 0x0102030405060708)]
    [InlineData(CanByteOrder.Intel, 3, 64, false, new byte[] { 0x08, 0, 0, 0, 0, 0, 0, 0, 0x07 }, unchecked((long)0xE000000000000001))] // 64 bits over 9 bytes
    public void Reads_hand_worked_bit_patterns(CanByteOrder order, int start, int length, bool isSigned, byte[] data, long raw)
    {
        var s = new CanSignal("S", start, length, order, isSigned, 1, 0);
        Assert.Equal(raw, CanSignalCodec.ReadRaw(s, data, 0));
        byte[] written = new byte[data.Length];
        CanSignalCodec.WriteRaw(s, raw, written, 0);
        Assert.Equal(data, written);
    }

    [Fact]
    public void Physical_is_raw_times_factor_plus_offset_and_not_clamped()
    {
        var s = new CanSignal("T", 0, 8, CanByteOrder.Intel, false, 0.5, -40, -40, 50, "degC", [], false, "", [], [], [], "", [], CanSignalValueType.WholeNumber);
        Assert.Equal(87.5, CanSignalCodec.ToPhysical(s, 255)); // above the documented maximum 50: reported as is
        Assert.Equal(1.8446744073709552E19, CanSignalCodec.ToPhysical(new CanSignal("U", 0, 64, CanByteOrder.Intel, false, 1, 0), -1));
    }

    [Fact]
    public void Physical_to_raw_rounds_and_refuses_what_does_not_fit()
    {
        var s = new CanSignal("T", 0, 8, CanByteOrder.Intel, true, 0.5, 10);
        Assert.True(CanSignalCodec.TryToRaw(s, 10.74, out long raw));
        Assert.Equal(1, raw);
        Assert.True(CanSignalCodec.TryToRaw(s, -54, out raw));
        Assert.Equal(-128, raw);
        Assert.False(CanSignalCodec.TryToRaw(s, -54.5, out _));  // -129
        Assert.True(CanSignalCodec.TryToRaw(s, 73.5, out raw));
        Assert.Equal(127, raw);
        Assert.False(CanSignalCodec.TryToRaw(s, 74, out _));     // 128
        Assert.False(CanSignalCodec.TryToRaw(s, double.NaN, out _));
    }

    [Fact]
    public void Every_real_signal_round_trips_and_leaves_the_other_bits_alone()
    {
        var random = new Random(4);
        int checkedSignals = 0;
        foreach (string file in TestFiles.RealDbcs)
        {
            foreach (CanMessage m in DbcDatabase.Load(TestFiles.Dbc(file)).Messages)
            {
                foreach (CanSignal s in m.Signals)
                {
                    byte[] before = new byte[m.LengthBytes];
                    random.NextBytes(before);
                    long value = random.NextInt64() & (s.LengthBits == 64 ? -1L : (1L << s.LengthBits) - 1);
                    long expected = s.IsSigned && s.LengthBits < 64 && (value >> (s.LengthBits - 1)) != 0 ? value - (1L << s.LengthBits) : value;
                    byte[] after = (byte[])before.Clone();
                    CanSignalCodec.WriteRaw(s, expected, after, 0);
                    Assert.Equal(expected, CanSignalCodec.ReadRaw(s, after, 0));

                    // Writing back what was there before restores the frame: no bit outside the signal changed.
                    CanSignalCodec.WriteRaw(s, CanSignalCodec.ReadRaw(s, before, 0), after, 0);
                    Assert.Equal(before, after);
                    checkedSignals++;
                }
            }
        }

        Assert.Equal(79 + 135 + 209 + 1348, checkedSignals);
    }
}
