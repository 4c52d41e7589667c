namespace EdgeSdk.Can.Tests;

public class DecoderTests
{
    private static readonly DbcDatabase Tesla = DbcDatabase.Load(TestFiles.Dbc("tesla_model3_vehicle.dbc"));

    [Theory]
    [InlineData(0, 1 + 40)]
    [InlineData(1, 1 + 12)]
    [InlineData(2, 1)]
    public void Tesla_multiplexed_signals_are_present_only_when_selected(int index, int presentCount)
    {
        CanDecoder decoder = Tesla.CreateDecoder();
        CanDecodedFrame result = decoder.CreateResult();
        byte[] data = [(byte)(0xFC | index), 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(962, false, data, 0, 8, result));
        Assert.Equal("VCLEFT_switchStatus", result.Message.Name);
        Assert.Equal(53, result.SignalCount);
        Assert.Equal(presentCount, result.IsPresent.Take(53).Count(p => p));
        int muxIndex = result.Message.IndexOf("VCLEFT_switchStatusIndex");
        Assert.Equal(index, result.PhysicalValues[muxIndex]);
        int m1 = result.Message.IndexOf("VCLEFT_swcLeftScrollTicks"); // m1, 16|6@1- : all ones → -1
        Assert.Equal(index == 1, result.IsPresent[m1]);
        if (index == 1)
        {
            Assert.Equal(-1, result.RawValues[m1]);
        }

        int m0 = result.Message.IndexOf("VCLEFT_frontBuckleSwitch"); // m0, 48|2@1+, value table 3 = SWITCH_FAULT
        Assert.Equal(index == 0, result.TryGetValueDescription(m0, out string text));
        Assert.Equal(index == 0 ? "SWITCH_FAULT" : "", text);
    }

    [Fact]
    public void Extended_multiplexing_follows_the_chain_of_switches()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        string Present(byte[] data)
        {
            Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(512, false, data, 0, data.Length, r));
            return string.Join(",", Enumerable.Range(0, r.SignalCount).Where(i => r.IsPresent[i]).Select(i => r.GetSignal(i).Name));
        }

        Assert.Equal("Mode,Page,Pressure,Always", Present([0x01, 0x04, 0x11, 0x22, 0, 0, 0, 0x33]));  // Mode 1, Page 4 ∈ 3-5
        Assert.Equal("Mode,Page,Pressure,Always", Present([0x01, 0x09, 0x11, 0x22, 0, 0, 0, 0x33]));  // Page 9 ∈ 9-9
        Assert.Equal("Mode,Page,Always", Present([0x01, 0x06, 0x11, 0x22, 0, 0, 0, 0x33]));           // Page 6: no Pressure
        Assert.Equal("Mode,Temp,Always", Present([0x02, 0x04, 0x11, 0x22, 0, 0, 0, 0x33]));           // Mode 2: Temp, no Page
        Assert.Equal("Mode,Always", Present([0x03, 0x04, 0x11, 0x22, 0, 0, 0, 0x33]));                // Mode 3: neither
        Present([0x01, 0x04, 0x11, 0x22, 0, 0, 0, 0x33]);
        Assert.Equal(0x22, r.PhysicalValues[3]);
    }

    [Fact]
    public void Unknown_ids_short_frames_and_bad_arguments_are_counted_not_thrown()
    {
        CanDecoder decoder = Tesla.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        byte[] data = new byte[8];
        Assert.Equal(CanDecodeStatus.UnknownId, decoder.TryDecode(0x7FF, false, data, 0, 8, r));
        Assert.Equal(CanDecodeStatus.UnknownId, decoder.TryDecode(962, true, data, 0, 8, r)); // extended 962 is another id
        Assert.Equal(CanDecodeStatus.ShortFrame, decoder.TryDecode(962, false, data, 0, 7, r));
        Assert.Equal(CanDecodeStatus.BadArguments, decoder.TryDecode(962, false, data, 4, 8, r));
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(585, false, data, 0, 3, r)); // SCCM_leftStalk is 3 bytes
        Assert.Equal((1L, 2L, 1L, 1L), (decoder.DecodedFrames, decoder.UnknownIdFrames, decoder.ShortFrames, decoder.BadArgumentCalls));

        // The CanFrame overload: a remote frame has no data, so it is short; a default frame (null data) too.
        Assert.Equal(CanDecodeStatus.ShortFrame, decoder.TryDecode(new CanFrame(0, 962, false, false, [], "can0") { IsRemote = true }, r));
        Assert.Equal(CanDecodeStatus.ShortFrame, decoder.TryDecode(new CanFrame { Id = 962 }, r));
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(new CanFrame(0, 962, false, false, new byte[8], "can0"), r));
        Assert.Equal((2L, 3L), (decoder.DecodedFrames, decoder.ShortFrames));
    }

    [Fact]
    public void Extended_and_fd_messages_decode()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        Assert.Equal(CanDecodeStatus.UnknownId, decoder.TryDecode(0x18FEF1FE, false, new byte[8], 0, 8, r));
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(0x18FEF1FE, true, [0, 0x00, 0x19, 0, 0, 0, 0, 0], 0, 8, r));
        Assert.Equal(25.0, r.PhysicalValues[0]); // 0x1900 / 256

        byte[] fd = new byte[64];
        fd[60] = 0x10; fd[61] = 0x0E;             // CellVoltage60 = 0x0E10 = 3600 mV → 3.6 V
        fd[62] = 0xFF; fd[63] = 0x38;             // PackCurrent 503|16@0- = 0xFF38 = -200 → -20 A
        Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(1024, false, fd, 0, 64, r));
        Assert.Equal(3.6, r.PhysicalValues[0], 12);
        Assert.Equal(-20.0, r.PhysicalValues[1], 12);
        Assert.Equal(CanDecodeStatus.ShortFrame, decoder.TryDecode(1024, false, fd, 0, 48, r));
    }

    [Fact]
    public void Encoder_writes_what_the_decoder_reads_back_page_by_page()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanMessage m = db.FindMessage("ExtMux")!;
        var encoder = new CanEncoder(m.Signals.Length);
        byte[] frame = new byte[8];
        Assert.Equal(CanEncodeStatus.Encoded, encoder.TryEncode(m, [1, 4, 99, 200, 7], frame, 0));
        Assert.Equal(new byte[] { 0x01, 0x04, 0x00, 200, 0, 0, 0, 7 }, frame); // Temp (Mode 2 only) not written
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        decoder.TryDecode(512, false, frame, 0, 8, r);
        Assert.Equal([1.0, 4.0, 200.0, 7.0], Enumerable.Range(0, 5).Where(i => r.IsPresent[i]).Select(i => r.PhysicalValues[i]));

        Assert.Equal(CanEncodeStatus.ValueOutOfRange, encoder.TryEncode(m, [1, 4, 0, 256, 7], frame, 0));
        Assert.Equal(CanEncodeStatus.BufferTooSmall, encoder.TryEncode(m, [1, 4, 0, 0, 7], new byte[7], 0));
        Assert.Equal((1L, 1L), (encoder.EncodedFrames, encoder.OutOfRangeFrames));
    }

    [Fact]
    public void Decoding_allocates_nothing_after_warm_up()
    {
        DbcDatabase db = DbcDatabase.Load(TestFiles.Dbc("vw_mqb.dbc"));
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame r = decoder.CreateResult();
        var random = new Random(3);
        byte[][] frames = db.Messages.Select(m => { byte[] d = new byte[m.LengthBytes]; random.NextBytes(d); return d; }).ToArray();
        Tesla.CreateDecoder(); // nothing lazy left to allocate below
        int described = 0;
        void DecodeAll()
        {
            for (int i = 0; i < frames.Length; i++)
            {
                CanMessage m = db.Messages[i];
                decoder.TryDecode(m.Id, m.IsExtended, frames[i], 0, frames[i].Length, r);
                for (int k = 0; k < r.SignalCount; k++)
                {
                    if (r.TryGetValueDescription(k, out _))
                    {
                        described++;
                    }
                }
            }

            decoder.TryDecode(0x7FE, false, frames[0], 0, 8, r);
        }

        DecodeAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 100; n++)
        {
            DecodeAll();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(101L * 113, decoder.DecodedFrames);
        Assert.True(described > 0);
    }
}
