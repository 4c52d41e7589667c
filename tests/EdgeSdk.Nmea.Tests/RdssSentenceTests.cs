using System.Text;

namespace EdgeSdk.Nmea.Tests;

/// <summary>
/// BeiDou RDSS sentences. The examples are taken from public code that talks to real terminals (checksums
/// verified by hand); where they come from is named beside each one and in src/EdgeSdk.Nmea/README.md:
/// [A] an Android BeiDou BLE SDK, class protocal2_1 (package com.bddomainuni.repository.protcals), Javadoc examples;
/// [B] an STM32 test routine for an RDSS box, comment block "$CCRMO ... $BDTXR" (CCTXA/BDBSI/BDTXR with "hello");
/// [C] the Android parser com.pancoit.mod_parse.Protocol.ProtocolParser (comments on BDICI, BDTXR, BDTCI, BDFKI, BDPWI);
/// [D] a Qt BeiDou client (BDBSI signal strength comment); [E] an RT-Thread BDS-3 sender, create_tcq_data_pack.
/// </summary>
public class RdssSentenceTests
{
    public static readonly TheoryData<string, string> PublicExamples = new()
    {
        { "$CCTXA,0179773,1,2,A468656C6C6F*7A", "[B] send 'hello' mixed" },
        { "$CCTXA,0000000,1,2,A4313233C4E3BAC3D5E2CAC7B2E2CAD4*7F", "[A] send '123你好这是测试' mixed" },
        { "$BDTXR,1,0179773,2,,A468656C6C6F*43", "[B] receive 'hello'" },
        { "$BDTXR,1,4207733,1,2337,90000000000065C1FAF4B2E2CAD4*3F", "[C] receive code" },
        { "$BDBSI,01,03,3,2,2,0,3,0,0,3,0,0*5F", "[B] beams" },
        { "$BDBSI,02,08,0,3,0,0,0,0,0,3,0,0*54", "[D] beams" },
        { "$CCRMO,BSI,2,1*27", "[A][B] BSI on every second" },
        { "$CCRMO,,3,*4F", "[A] all off" },
        { "$CCRMO,,4,1.5*62", "[A] all on, 1.5 s" },
        { "$CCICA,0,0*4B", "[A] card check" },
        { "$BDICI,4207733,0,0,3,60,2,N,22*3A", "[C] card info" },
        { "$BDPWI,000000.00,00,01,51,40,33,0*7B", "[C] BDS-3 power" },
        {
            "$CCTCQ,4238473,2,1,3,123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890,0*7B",
            "[E] BDS-3 send"
        },
    };

    // Examples printed without checksum in [C]: the body must come back identical (the checksum is then computed).
    public static readonly TheoryData<string> PublicExamplesWithoutChecksum = new()
    {
        "$BDFKI,TXA,N,Y,4,0000",
        "$BDFKI,080432,TCQ,Y,0,0",
        "$BDTCI,04207733,4207733,2,023242,2,0,90000000000065BEF749B2E2CAD4",
    };

    [Theory]
    [MemberData(nameof(PublicExamples))]
    public void Public_examples_round_trip_byte_identical(string line, string source)
    {
        Assert.Equal(line + "\r\n", RoundTrip(line, out RdssSentence sentence));
        Assert.NotEqual(RdssSentenceKind.None, sentence.Kind);
        Assert.False(string.IsNullOrEmpty(source));
    }

    [Theory]
    [MemberData(nameof(PublicExamplesWithoutChecksum))]
    public void Public_examples_without_checksum_round_trip(string line)
    {
        string written = RoundTrip(line, out _);
        Assert.Equal(line, written[..^5]);
        Assert.Equal(Checksum(line), written[^4..^2]);
    }

    [Fact]
    public void Txa_and_txr_decode_to_exact_values()
    {
        var p = Parse("$CCTXA,0179773,1,2,A468656C6C6F*7A");
        Assert.Equal(RdssSentenceKind.Txa, p.CurrentKind);
        Assert.True(p.Txa.FromHost);
        Assert.Equal(179773, p.Txa.DestinationUserId);
        Assert.Equal(7, p.Txa.DestinationDigits);
        Assert.Equal(1, p.Txa.CommunicationType);
        Assert.Equal(RdssPayloadEncoding.Mixed, p.Txa.Encoding);
        Assert.True(p.Txa.Payload.HasMixedMarker);
        Assert.Equal("hello", Encoding.ASCII.GetString(p.Txa.Payload.Bytes, 0, p.Txa.Payload.Length));
        Assert.Equal(40, p.Txa.Payload.LengthBits);

        p = Parse("$BDTXR,1,4207733,1,2337,90000000000065C1FAF4B2E2CAD4*3F");
        Assert.Equal(RdssSentenceKind.Txr, p.CurrentKind);
        Assert.False(p.Txr.FromHost);
        Assert.Equal(4207733, p.Txr.SenderUserId);
        Assert.Equal(RdssPayloadEncoding.Code, p.Txr.Encoding);
        Assert.Equal(2337, p.Txr.SendTimeHhmm);
        Assert.Equal(14, p.Txr.Payload.Length);
        Assert.Equal(0x90, p.Txr.Payload.Bytes[0]);
        Assert.Equal(0xD4, p.Txr.Payload.Bytes[13]);
    }

    [Fact]
    public void Fki_reads_both_layouts()
    {
        var p = Parse("$BDFKI,TXA,N,Y,4,0000");
        Assert.Equal(RdssProtocol.V21, p.Fki.Protocol);
        Assert.True(p.Fki.Command.Matches("TXA"));
        Assert.Equal(0, p.Fki.Executed);
        Assert.Equal(1, p.Fki.FrequencyOk);
        Assert.Equal(4, p.Fki.ReasonCode);
        Assert.Equal(0, p.Fki.WaitSeconds);
        Assert.Equal(4, p.Fki.WaitDigits);

        p = Parse("$BDFKI,080432,TCQ,Y,0,0");
        Assert.Equal(RdssProtocol.Bds3, p.Fki.Protocol);
        Assert.Equal(8, p.Fki.TimeUtc.Hour);
        Assert.Equal(4, p.Fki.TimeUtc.Minute);
        Assert.Equal(32, p.Fki.TimeUtc.Second);
        Assert.True(p.Fki.Command.Matches("TCQ"));
        Assert.Equal(1, p.Fki.Executed);
        Assert.Equal(-1, p.Fki.FrequencyOk);
        Assert.Equal(0, p.Fki.ReasonCode);
    }

    [Fact]
    public void Card_beam_and_power_information_decode_to_exact_values()
    {
        var p = Parse("$BDICI,4207733,0,0,3,60,2,N,22*3A");
        Assert.Equal(4207733, p.Ici.UserId);
        Assert.Equal(0, p.Ici.SerialNumber);
        Assert.Equal(3, p.Ici.UserFeature);
        Assert.Equal(60, p.Ici.ServiceIntervalSeconds);
        Assert.Equal(2, p.Ici.CommunicationLevel);
        Assert.Equal('N', p.Ici.EncryptionFlag);
        Assert.Equal(22, p.Ici.SubordinateCount);

        p = Parse("$BDBSI,01,03,3,2,2,0,3,0,0,3,0,0*5F");
        Assert.Equal(1, p.Bsi.ResponseBeam);
        Assert.Equal(3, p.Bsi.TimeDifferenceBeam);
        Assert.Equal(10, p.Bsi.BeamCount);
        Assert.Equal(new[] { 3, 2, 2, 0, 3, 0, 0, 3, 0, 0 }, Enumerable.Range(0, 10).Select(p.Bsi.GetBeamPower));
        Assert.Equal(3, p.Bsi.BestPower);

        p = Parse("$BDPWI,000000.00,00,01,51,40,33,0*7B");
        Assert.Equal(0, p.Pwi.Rdss2Count);
        Assert.Equal(1, p.Pwi.Rdss3Count);
        Assert.Equal(new[] { 51, 40, 33, 0 }, Enumerable.Range(0, 4).Select(v => p.Pwi.GetRdss3(0, v)));

        p = Parse("$CCRMO,,4,1.5*62");
        Assert.True(p.Rmo.TargetSentence.IsEmpty);
        Assert.Equal(4, p.Rmo.Mode);
        Assert.Equal(1.5, p.Rmo.IntervalSeconds);

        p = Parse("$BDTCI,04207733,4207733,2,023242,2,0,90000000000065BEF749B2E2CAD4");
        Assert.Equal(4207733, p.Tci.SenderUserId);
        Assert.Equal(8, p.Tci.SenderDigits);
        Assert.Equal(4207733, p.Tci.ReceiverUserId);
        Assert.Equal(2, p.Tci.TimeUtc.Hour);
        Assert.Equal(RdssPayloadEncoding.Code, p.Tci.Encoding);
        Assert.Equal(14, p.Tci.Payload.Length);
    }

    [Fact]
    public void Chinese_payload_of_protocol_2_1_is_written_raw_and_bds3_as_hex()
    {
        byte[] gb = { 0xC4, 0xE3, 0xBA, 0xC3 }; // 你好 in GB2312
        var txa = new RdssTxaSentence { DestinationUserId = 141814, Encoding = RdssPayloadEncoding.Chinese };
        Assert.True(txa.Payload.Set(gb, 0, gb.Length));
        var w = new NmeaWriter();
        int n = txa.Encode(w);
        byte[] expectedBody = Encoding.ASCII.GetBytes("$CCTXA,0141814,1,0,").Concat(gb).ToArray();
        Assert.Equal(expectedBody, w.Buffer.Take(expectedBody.Length));
        int xor = 0;
        for (int i = 1; i < expectedBody.Length; i++)
        {
            xor ^= expectedBody[i];
        }

        Assert.Equal(xor.ToString("X2"), Encoding.ASCII.GetString(w.Buffer, n - 4, 2));

        var tcq = new RdssTcqSentence { DestinationUserId = 4238473, Encoding = RdssPayloadEncoding.Chinese };
        tcq.Payload.Set(gb, 0, gb.Length);
        n = tcq.Encode(w);
        Assert.StartsWith("$CCTCQ,4238473,2,1,1,C4E3BAC3,0*", Encoding.ASCII.GetString(w.Buffer, 0, n));
    }

    [Theory]
    [InlineData("$BDTXR,1,0179773,2,,A468656C6C6*7E", NmeaRejectReason.InvalidField)]    // odd hex
    [InlineData("$BDTXR,1,0179773,9,,A468656C6C6F*48", NmeaRejectReason.InvalidField)]   // encoding 9
    [InlineData("$BDTXR,1,01X9773,2,,A468656C6C6F*1B", NmeaRejectReason.InvalidField)]   // letters in the sender
    [InlineData("$BDTXR,1,0179773,2,2561,A468656C6C6F*44", NmeaRejectReason.InvalidField)] // 25:61
    [InlineData("$BDFKI,TXA,Q,Y,4,0000*4C", NmeaRejectReason.InvalidField)]              // flag Q
    [InlineData("$BDPWI,000000.00,05,01*70", NmeaRejectReason.InvalidField)]             // count beyond the fields
    [InlineData("$BDICI,4207733,0*38", NmeaRejectReason.MissingFields)]
    [InlineData("$BDXYZ,1,2*5B", NmeaRejectReason.UnknownType)]                         // unknown BeiDou sentence
    public void Bad_input_is_refused_with_its_reason_and_counted(string line, NmeaRejectReason expected)
    {
        string fixedLine = line[..line.IndexOf('*')];
        fixedLine += "*" + Checksum(fixedLine);
        var p = new RdssParser();
        byte[] bytes = Encoding.ASCII.GetBytes(fixedLine + "\r\n");
        p.Feed(bytes, 0, bytes.Length);
        p.Complete();
        Assert.Equal(NmeaSentenceType.None, p.Read());
        Assert.Equal(expected, p.Statistics.LastRejectReason);
        Assert.Equal(1, p.Statistics.GetRejected(expected));
        Assert.Equal(0, p.Statistics.Accepted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(64)]
    public void A_chinese_mode_txr_with_raw_gb2312_bytes_is_read_whole_only_when_8_bit_bytes_are_accepted(int chunk)
    {
        // "到达拉萨" in GB2312: every byte above 0x7E, none of them CR, LF, '$' or '!'.
        byte[] gb2312 = [0xB5, 0xBD, 0xB4, 0xEF, 0xC0, 0xAD, 0xC8, 0xF8];
        byte[] head = Encoding.ASCII.GetBytes("$BDTXR,1,0179773,0,1203,");
        byte[] body = [.. head, .. gb2312];
        int sum = NmeaChecksum.Compute(body, 1, body.Length - 1);
        byte[] line = [.. body, .. Encoding.ASCII.GetBytes($"*{sum:X2}\r\n$BDFKI,080432,TCQ,Y,0,0*7C\r\n")];

        // Both parser paths: the fast line scan ends lines at 8-bit bytes, so an 8-bit reader must not use it.
        foreach ((bool eightBit, bool fast) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var p = new RdssParser(new NmeaReader(4096) { AcceptEightBitBytes = eightBit, FastPath = fast });
            var kinds = new List<RdssSentenceKind>();
            byte[]? payload = null;
            for (int at = 0; at < line.Length; at += chunk)
            {
                p.Feed(line, at, Math.Min(chunk, line.Length - at));
                while (p.Read() != NmeaSentenceType.None)
                {
                    kinds.Add(p.CurrentKind);
                    if (p.CurrentKind == RdssSentenceKind.Txr)
                    {
                        payload = p.Txr.Payload.Bytes.AsSpan(0, p.Txr.Payload.Length).ToArray();
                    }
                }
            }

            p.Complete();
            while (p.Read() != NmeaSentenceType.None)
            {
                kinds.Add(p.CurrentKind);
            }

            if (eightBit)
            {
                Assert.Equal([RdssSentenceKind.Txr, RdssSentenceKind.Fki], kinds);
                Assert.Equal(gb2312, payload);
                Assert.Equal(0, p.Statistics.Rejected);
            }
            else
            {
                Assert.Equal([RdssSentenceKind.Fki], kinds); // the sentence after it is not lost
                Assert.Equal(1, p.Statistics.Rejected);
            }
        }
    }

    [Fact]
    public void A_terminal_stream_mixes_rdss_and_gnss_sentences()
    {
        string stream = "$BDICI,4207733,0,0,3,60,2,N,22*3A\r\n"
            + "$GNRMC,070723.00,A,2309.30979,N,11330.00659,E,0.08,,070324,,,A,V*29\r\n"
            + "$BDTXR,1,0179773,2,,A468656C6C6F*43\r\n"
            + "$BDFKI,080432,TCQ,Y,0,0*7C\r\n";
        var p = new RdssParser();
        byte[] bytes = Encoding.ASCII.GetBytes(stream);
        var kinds = new List<(NmeaSentenceType, RdssSentenceKind)>();
        for (int at = 0; at < bytes.Length; at += 7)
        {
            p.Feed(bytes, at, Math.Min(7, bytes.Length - at));
            NmeaSentenceType t;
            while ((t = p.Read()) != NmeaSentenceType.None)
            {
                kinds.Add((t, p.CurrentKind));
            }
        }

        Assert.Equal(
            new[] { (NmeaSentenceType.Rdss, RdssSentenceKind.Ici), (NmeaSentenceType.Rmc, RdssSentenceKind.None), (NmeaSentenceType.Rdss, RdssSentenceKind.Txr), (NmeaSentenceType.Rdss, RdssSentenceKind.Fki) },
            kinds);
        Assert.Equal(4, p.Statistics.Accepted);
        Assert.Equal(23.155163, p.Nmea.Rmc.LatitudeDegrees, 6);
    }

    [Fact]
    public void A_14000_bit_message_fits_and_a_longer_one_is_refused()
    {
        var txa = new RdssTcqSentence { DestinationUserId = 1, Encoding = RdssPayloadEncoding.Code };
        byte[] data = Enumerable.Range(0, 1751).Select(i => (byte)i).ToArray();
        Assert.False(txa.Payload.Set(data, 0, 1751));
        Assert.True(txa.Payload.Set(data, 0, 1750));
        var w = new NmeaWriter(4096);
        int n = txa.Encode(w);
        Assert.True(n > 3500);
        var p = new RdssParser();
        p.Feed(w.Buffer, 0, n);
        Assert.Equal(NmeaSentenceType.Rdss, p.Read());
        Assert.Equal(14000, p.Tcq.Payload.LengthBits);
        Assert.Equal(data.Take(1750), p.Tcq.Payload.Bytes.Take(1750));
    }

    [Fact]
    public void Decoding_rdss_sentences_allocates_nothing()
    {
        string all = string.Concat(PublicExamples.Select(r => (string)r[0] + "\r\n"));
        byte[] bytes = Encoding.ASCII.GetBytes(all);
        var p = new RdssParser();
        int Count()
        {
            int n = 0;
            p.Feed(bytes, 0, bytes.Length);
            while (p.Read() != NmeaSentenceType.None)
            {
                n++;
            }

            return n;
        }

        Assert.Equal(PublicExamples.Count, Count()); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 20; i++)
        {
            total += Count();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20 * PublicExamples.Count, total);
    }

    private static RdssParser Parse(string line)
    {
        var p = new RdssParser();
        byte[] bytes = Encoding.ASCII.GetBytes(line + "\r\n");
        p.Feed(bytes, 0, bytes.Length);
        Assert.Equal(NmeaSentenceType.Rdss, p.Read());
        return p;
    }

    private static string RoundTrip(string line, out RdssSentence sentence)
    {
        var p = Parse(line);
        sentence = (RdssSentence)p.Current;
        var w = new NmeaWriter(4096);
        int n = sentence.Encode(w);
        return Encoding.ASCII.GetString(w.Buffer, 0, n);
    }

    private static string Checksum(string body)
    {
        int x = 0;
        foreach (char c in body.Substring(1))
        {
            x ^= c;
        }

        return x.ToString("X2");
    }
}
