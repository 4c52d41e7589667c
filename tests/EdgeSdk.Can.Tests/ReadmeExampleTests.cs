namespace EdgeSdk.Can.Tests;

/// <summary>The README's quick start, as written there, on a small candump log.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Quick_start_decodes_a_log()
    {
        string log = Path.Combine(Path.GetTempPath(), $"edgesdk-readme-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(log, "(1700000000.123456) can0 3C2#FDFFFFFFFFFFFFFF\n(1700000000.2) can0 7FE#00\n(1700000000.3) can0 3C2#01\n");
        var output = new List<string>();
        try
        {
            DbcDatabase db = DbcDatabase.Load(TestFiles.Dbc("tesla_model3_vehicle.dbc"));
            Assert.Empty(db.Warnings);
            CanDecoder decoder = db.CreateDecoder();
            CanDecodedFrame decoded = decoder.CreateResult();
            await foreach (CanFrame frame in new CandumpFileSource(log).ReadFramesAsync())
            {
                if (decoder.TryDecode(frame.Id, frame.IsExtended, frame.Data, 0, frame.Data.Length, decoded) != CanDecodeStatus.Decoded)
                {
                    continue;
                }

                for (int i = 0; i < decoded.SignalCount; i++)
                {
                    if (!decoded.IsPresent[i])
                    {
                        continue;
                    }

                    CanSignal s = decoded.GetSignal(i);
                    decoded.TryGetValueDescription(i, out string text);
                    output.Add($"{decoded.Message.Name}.{s.Name} = {decoded.PhysicalValues[i]} {s.Unit} {text}");
                }
            }

            output.Add($"{decoder.DecodedFrames} decoded, {decoder.UnknownIdFrames} unknown id, {decoder.ShortFrames} short");
        }
        finally
        {
            File.Delete(log);
        }

        Assert.True(output.Count == 14, string.Join("\n", output)); // page 1: the index and its 12 signals; then the summary
        Assert.Equal("VCLEFT_switchStatus.VCLEFT_swcRightTiltLeft = 3  SWITCH_FAULT", output[0]);
        Assert.Contains("VCLEFT_switchStatus.VCLEFT_switchStatusIndex = 1  VCLEFT_SWITCH_STATUS_INDEX_1", output);
        Assert.Contains("VCLEFT_switchStatus.VCLEFT_swcLeftScrollTicks = -1  ", output);
        Assert.Equal("1 decoded, 1 unknown id, 1 short", output[^1]);
    }

    [Fact]
    public void Encoding_example_writes_the_selected_page()
    {
        DbcDatabase db = DbcDatabase.Load(TestFiles.Dbc("tesla_model3_vehicle.dbc"));
        CanMessage m = db.FindMessage("VCLEFT_switchStatus")!;
        var encoder = new CanEncoder(m.Signals.Length);
        double[] values = new double[m.Signals.Length];
        values[m.IndexOf("VCLEFT_switchStatusIndex")] = 1;
        values[m.IndexOf("VCLEFT_swcLeftScrollTicks")] = -3;
        byte[] data = new byte[m.LengthBytes];
        Assert.Equal(CanEncodeStatus.Encoded, encoder.TryEncode(m, values, data, 0));
        // Index 1 in bits 0-1; scroll ticks 16|6@1- = -3 → 0b111101 in byte 2.
        Assert.Equal(new byte[] { 0x01, 0x00, 0x3D, 0, 0, 0, 0, 0 }, data);
    }
}
