namespace EdgeSdk.Can.Tests;

/// <summary>
/// Every signal of every message of the real opendbc DBCs, on random frames, against the npm package candied.
/// Intel signals go through candied's own signal decoder; Motorola signals through candied's bit extraction with
/// the DBC's MSB start bit converted to the LSB position candied expects (see TestData/candied/decode.cjs).
/// </summary>
public class CandiedComparisonTests
{
    private const int FramesPerMessage = 24;

    // candied 2.2.0's grammar does not read a factor written with an exponent ("2e-8"), so it drops these two
    // signals of vw_mqb.dbc. They are checked by hand in SignalCodecTests instead.
    private static readonly HashSet<string> NotInCandied = ["WIV_01.WIV_Verschleissindex", "WIV_01.WIV_Russindex"];

    [Theory]
    [InlineData("hongqi_hs5.dbc", 16, 79, 78, 1)]
    [InlineData("gwm_haval_h6_phev_2024.dbc", 27, 135, 0, 135)]
    [InlineData("tesla_model3_vehicle.dbc", 11, 209, 209, 0)]
    [InlineData("vw_mqb.dbc", 113, 1348, 1345, 3)]
    public async Task Every_signal_decodes_like_candied_on_random_frames(string file, int messages, int signals, int intel, int motorola)
    {
        DbcDatabase db = DbcDatabase.Load(TestFiles.Dbc(file));
        Assert.Equal(messages, db.Messages.Length);
        Assert.Equal(signals, db.SignalCount);
        Assert.Equal(intel, db.Messages.Sum(m => m.Signals.Count(s => s.ByteOrder == CanByteOrder.Intel)));
        Assert.Equal(motorola, db.Messages.Sum(m => m.Signals.Count(s => s.ByteOrder == CanByteOrder.Motorola)));

        await CompareWithCandiedAsync(file, db);
    }

    /// <summary>Every .dbc file in TestData/dbc, including any added later: drop a DBC (with its licence) there to have it checked.</summary>
    public static TheoryData<string> AllDbcFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "dbc"), "*.dbc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllDbcFiles))]
    public async Task Every_dbc_in_the_data_folder_decodes_like_candied(string file)
    {
        DbcDatabase db = DbcDatabase.Load(TestFiles.Dbc(file));
        Assert.NotEmpty(db.Messages);
        await CompareWithCandiedAsync(file, db);
    }

    private static async Task CompareWithCandiedAsync(string file, DbcDatabase db)
    {
        int signals = db.SignalCount;
        var random = new Random(file.Length * 7919);
        var frames = new List<(string Message, byte[] Data)>();
        foreach (CanMessage m in db.Messages)
        {
            for (int i = 0; i < FramesPerMessage; i++)
            {
                byte[] data = new byte[m.LengthBytes];
                random.NextBytes(data);
                if (i == 0)
                {
                    Array.Fill(data, (byte)0xFF); // every signal at its all-ones raw value: sign bits and top bits set
                }

                frames.Add((m.Name, data));
            }
        }

        List<Dictionary<string, (double Raw, double Physical, double? RawAsWritten)>> reference = await CandiedReference.DecodeAsync(TestFiles.Dbc(file), frames);
        Assert.Equal(frames.Count, reference.Count);

        int compared = 0, comparedThroughDecoder = 0;
        var missing = new HashSet<string>();
        CanDecoder decoder = db.CreateDecoder();
        CanDecodedFrame decoded = decoder.CreateResult();
        for (int f = 0; f < frames.Count; f++)
        {
            CanMessage m = db.FindMessage(frames[f].Message)!;
            Assert.Equal(CanDecodeStatus.Decoded, decoder.TryDecode(m.Id, m.IsExtended, frames[f].Data, 0, frames[f].Data.Length, decoded));
            for (int i = 0; i < m.Signals.Length; i++)
            {
                CanSignal s = m.Signals[i];
                if (decoded.IsPresent[i] && reference[f].TryGetValue(s.Name, out var viaDecoder) && s.LengthBits <= 53)
                {
                    // The decoder's one-word fast path and the general bit walk must agree with candied alike.
                    Assert.True(viaDecoder.Raw == decoded.RawValues[i], $"{file} {m.Name}.{s.Name} via decoder: raw {decoded.RawValues[i]}, candied {viaDecoder.Raw}");
                    // candied has no IEEE float signals (SIG_VALTYPE_): for those only the raw bits are comparable.
                    Assert.True(s.ValueType != CanSignalValueType.WholeNumber || viaDecoder.Physical == decoded.PhysicalValues[i], $"{file} {m.Name}.{s.Name} via decoder: physical {decoded.PhysicalValues[i]}, candied {viaDecoder.Physical}");
                    comparedThroughDecoder++;
                }
            }

            foreach (CanSignal s in m.Signals)
            {
                if (!reference[f].TryGetValue(s.Name, out var expected))
                {
                    missing.Add($"{m.Name}.{s.Name}");
                    continue;
                }

                long raw = CanSignalCodec.ReadRaw(s, frames[f].Data, 0);
                double physical = CanSignalCodec.ToPhysical(s, raw);
                if (s.LengthBits <= 53)
                {
                    Assert.True(expected.Raw == raw, $"{file} {m.Name}.{s.Name} frame {Convert.ToHexString(frames[f].Data)}: raw {raw}, candied {expected.Raw}");
                    Assert.True(s.ValueType != CanSignalValueType.WholeNumber || expected.Physical == physical, $"{file} {m.Name}.{s.Name}: physical {physical}, candied {expected.Physical}");
                }
                else
                {
                    // candied's numbers are doubles: beyond 53 bits only the leading digits are comparable.
                    Assert.Equal(expected.Raw, (double)raw, 1e-15 * Math.Abs(expected.Raw));
                }

                compared++;
            }
        }

        // candied drops a signal whose SG_ line writes a number with an exponent; it must keep every other one.
        Assert.Equal(SignalsWithExponentNotation(TestFiles.Dbc(file)), missing);
        if (file == "vw_mqb.dbc")
        {
            Assert.Equal(NotInCandied, missing);
        }
        Assert.Equal((signals - missing.Count) * FramesPerMessage, compared);
        Assert.True(comparedThroughDecoder >= compared / 4, $"{comparedThroughDecoder} signals compared through the decoder");
    }

    private static HashSet<string> SignalsWithExponentNotation(string path)
    {
        var result = new HashSet<string>();
        string message = "";
        foreach (string line in File.ReadLines(path))
        {
            string t = line.Trim();
            if (t.StartsWith("BO_ ", StringComparison.Ordinal))
            {
                message = t.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].TrimEnd(':');
            }
            else if (t.StartsWith("SG_ ", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(t, @"[0-9.][eE][+-]?[0-9]"))
            {
                result.Add($"{message}.{t.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]}");
            }
        }

        return result;
    }

    [Fact]
    public async Task Candied_reads_a_Motorola_start_bit_as_the_LSB_so_the_DBC_as_written_disagrees()
    {
        // Why decode.cjs converts the start bit: fed the DBC as written, candied reads GWM's 13-bit
        // STEERING_ANGLE (13|13@0+) from the wrong bits. Frame: byte1 = 0x2A, byte2 = 0xCD (see SignalCodecTests).
        string dbc = TestFiles.Dbc("gwm_haval_h6_phev_2024.dbc");
        byte[] data = [0x00, 0x2A, 0xCD, 0x3F, 0x01, 0x00, 0x00, 0x00];
        var reference = await CandiedReference.DecodeAsync(dbc, [("STEER_AND_AP_STALK", data)]);
        Assert.Equal(5478, reference[0]["STEERING_ANGLE"].Raw); // with the converted start bit: equal to ours
        // As written, candied takes bit 13 as the LSB: the 13 bits would start before the frame (it returns NaN,
        // JSON null), and STEERING_TORQUE (29|14@0+, 16129 here) comes out of the wrong bits.
        Assert.Null(reference[0]["STEERING_ANGLE"].RawAsWritten);
        Assert.Equal(16129, reference[0]["STEERING_TORQUE"].Raw);
        Assert.NotNull(reference[0]["STEERING_TORQUE"].RawAsWritten);
        Assert.NotEqual(16129, reference[0]["STEERING_TORQUE"].RawAsWritten);
        CanSignal angle = DbcDatabase.Load(dbc).FindMessage("STEER_AND_AP_STALK")!.Signals.Single(s => s.Name == "STEERING_ANGLE");
        Assert.Equal(5478, CanSignalCodec.ReadRaw(angle, data, 0));
    }
}
