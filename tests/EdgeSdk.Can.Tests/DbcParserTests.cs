namespace EdgeSdk.Can.Tests;

public class DbcParserTests
{
    [Fact]
    public void Reads_messages_signals_and_their_properties()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        Assert.Equal("1.2", db.Version);
        Assert.Equal(["ECU1", "ECU2", "GW"], db.Nodes);
        Assert.Equal(["Powertrain", "J1939Speed", "FdBattery", "ExtMux"], db.Messages.Select(m => m.Name));

        CanMessage pt = db.Messages[0];
        Assert.Equal(256u, pt.Id);
        Assert.False(pt.IsExtended);
        Assert.Equal(8, pt.LengthBytes);
        Assert.Equal("ECU1", pt.Transmitter);
        CanSignal rpm = pt.Signals[0];
        Assert.Equal(("EngineSpeed", 0, 16, CanByteOrder.Intel, false), (rpm.Name, rpm.StartBit, rpm.LengthBits, rpm.ByteOrder, rpm.IsSigned));
        Assert.Equal((0.25, 0.0, 0.0, 16383.75, "rpm"), (rpm.Factor, rpm.Offset, rpm.Minimum, rpm.Maximum, rpm.Unit));
        Assert.Equal(["GW", "ECU2"], rpm.Receivers);
        CanSignal temp = pt.Signals[1];
        Assert.True(temp.IsSigned);
        Assert.Equal((-40.0, -40.0, 215.0), (temp.Offset, temp.Minimum, temp.Maximum));
        Assert.Equal(CanByteOrder.Motorola, pt.Signals[2].ByteOrder);
        Assert.Equal(31, pt.Signals[2].StartBit);
    }

    [Fact]
    public void Extended_ids_lose_the_dbc_flag_bit_and_fd_messages_keep_64_bytes()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        CanMessage j1939 = db.FindMessage("J1939Speed")!;
        Assert.True(j1939.IsExtended);
        Assert.Equal(0x18FEF1FEu, j1939.Id);
        CanMessage fd = db.FindMessage("FdBattery")!;
        Assert.Equal(64, fd.LengthBytes);
        Assert.Equal(62, fd.Signals[0].RequiredLengthBytes);
        Assert.Equal(64, fd.Signals[1].RequiredLengthBytes);
    }

    [Fact]
    public void Keeps_value_tables_comments_and_attributes()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text);
        Assert.Equal(["P", "R", "N", "D"], db.ValueTables["GearTable"].Select(v => v.Text));
        CanMessage pt = db.Messages[0];
        Assert.True(pt.Signals[2].TryGetValueDescription(15, out string invalid));
        Assert.Equal("Invalid", invalid);
        Assert.False(pt.Signals[2].TryGetValueDescription(7, out string none));
        Assert.Equal("", none);

        Assert.Equal("Test network", db.Comment);
        Assert.Equal("Engine ECU", db.NodeComments["ECU1"]);
        Assert.Equal("Powertrain status", pt.Comment);
        Assert.Equal("Crankshaft speed,\ntwo lines with a \"quote\"", pt.Signals[0].Comment);

        Assert.Equal(3, db.AttributeDefinitions.Count);
        DbcAttributeDefinition cycle = db.AttributeDefinitions[0];
        Assert.Equal(("BO_", "GenMsgCycleTime", "INT 0 65535", "100"), (cycle.ObjectType, cycle.Name, cycle.ValueType, cycle.DefaultValue));
        Assert.Equal(("", "BusType", "STRING", "CAN"), (db.AttributeDefinitions[1].ObjectType, db.AttributeDefinitions[1].Name, db.AttributeDefinitions[1].ValueType, db.AttributeDefinitions[1].DefaultValue));
        Assert.Equal("CAN FD", db.NetworkAttributes.Single(a => a.Name == "BusType").Value);
        Assert.True(pt.TryGetAttribute("GenMsgCycleTime", out string ms));
        Assert.Equal("20", ms);
        Assert.True(pt.Signals[1].TryGetAttribute("GenSigStartValue", out string start));
        Assert.Equal("40", start);
    }

    [Fact]
    public void Reads_simple_and_extended_multiplexing()
    {
        CanMessage m = TestFiles.Parse(SyntheticDbc.Text).FindMessage("ExtMux")!;
        CanSignal mode = m.Signals[0], page = m.Signals[1], temp = m.Signals[2], pressure = m.Signals[3], always = m.Signals[4];
        Assert.True(mode.IsMultiplexer);
        Assert.Equal("", mode.MultiplexerName);
        Assert.True(page.IsMultiplexer);
        Assert.Equal("Mode", page.MultiplexerName);
        Assert.Equal([1L], page.MultiplexerLows);
        Assert.Equal([1L], page.MultiplexerHighs);
        Assert.Equal("Mode", temp.MultiplexerName);
        Assert.Equal([2L], temp.MultiplexerLows);
        Assert.Equal("Page", pressure.MultiplexerName);
        Assert.Equal([3L, 9L], pressure.MultiplexerLows);
        Assert.Equal([5L, 9L], pressure.MultiplexerHighs);
        Assert.Equal("", always.MultiplexerName);
        Assert.Equal(1, pressure.MultiplexerIndex);
        // Multiplexers come before what they select.
        Assert.True(Array.IndexOf(m.DecodeOrder, 1) < Array.IndexOf(m.DecodeOrder, 3));
        Assert.True(Array.IndexOf(m.DecodeOrder, 0) < Array.IndexOf(m.DecodeOrder, 1));
    }

    [Fact]
    public void Unsupported_constructs_are_skipped_and_reported_with_their_lines()
    {
        DbcDatabase db = TestFiles.Parse(SyntheticDbc.Text, "synthetic.dbc");
        string[] expected =
        [
            $"synthetic.dbc:{SyntheticDbc.LineOf(SyntheticDbc.Text, "SIG_VALTYPE_ 1024 CellVoltage60")}: signal CellVoltage60 is 16 bits but SIG_VALTYPE_ 1 needs 32; read as an integer",
            $"synthetic.dbc:{SyntheticDbc.LineOf(SyntheticDbc.Text, "EV_ Env1")}: EV_ is not supported; statement skipped",
            $"synthetic.dbc:{SyntheticDbc.LineOf(SyntheticDbc.Text, "BO_TX_BU_")}: BO_TX_BU_ is not supported; statement skipped",
        ];
        Assert.Equal(expected, db.Warnings.Select(w => w.ToString()));
    }

    [Theory]
    [InlineData("BO_ 100 Msg 8 X\n", 1, "expected ':' after the message name, found '8'")]
    [InlineData("BO_ 100 Msg: 8 X\n SG_ A : 0|8@2+ (1,0) [0|1] \"\" X\n", 2, "byte order must be 0 (Motorola) or 1 (Intel), found '2'")]
    [InlineData("BO_ 100 Msg: 8 X\n SG_ A : 0|8@1+ (1,0) [0|1] \"\" X\n\nCM_ SG_ 100 A \"never closed;\n", 4, "unterminated string (a '\"' is missing)")]
    [InlineData("VERSION \"\"\n\n SG_ A : 0|8@1+ (1,0) [0|1] \"\" X\n", 3, "SG_ outside a message (it must follow a BO_ line)")]
    [InlineData("BO_ 100 Msg: 8 X\n SG_ A x7 : 0|8@1+ (1,0) [0|1] \"\" X\n", 2, "bad multiplexer indicator 'x7' (expected M, mN or mNM)")]
    [InlineData("BO_ 100 Msg: 8 X\n SG_ A : 0|8@1+ (1,0) [0|1] \"\" X\nVAL_ 100 A 1 \"one\" 2\n", 3, "expected a quoted description after the value, found the end of the file")]
    [InlineData("BO_ 100 Msg: 8 X\n SG_ A : 0|8@1+ (1;0) [0|1] \"\" X\n", 2, "expected ',' between factor and offset, found ';'")]
    [InlineData("BO_ 99999999999 Msg: 8 X\n", 1, "expected a message id after BO_ (a whole number up to 4294967295), found '99999999999'")]
    [InlineData("12 BO_\n", 1, "expected a keyword (BO_, SG_, CM_, ...), found '12'")]
    public void A_syntax_error_names_file_and_line(string text, int line, string reason)
    {
        Assert.False(DbcParser.TryParse(text, "bad.dbc", out DbcDatabase? db, out DbcDiagnostic? error));
        Assert.Null(db);
        Assert.Equal($"bad.dbc:{line}: {reason}", error!.ToString());
    }

    [Fact]
    public void Semantic_problems_are_warnings_and_the_rest_still_loads()
    {
        const string text = """
            BO_ 100 A: 8 X
             SG_ Zero : 0|0@1+ (1,0) [0|1] "" X
             SG_ Beyond : 60|8@1+ (1,0) [0|1] "" X
             SG_ Dup : 0|8@1+ (1,0) [0|1] "" X
             SG_ Dup : 8|8@1+ (1,0) [0|1] "" X
             SG_ Orphan m1 : 16|8@1+ (1,0) [0|1] "" X
            BO_ 100 Again: 8 X
            BO_ 3221225472 VECTOR__INDEPENDENT_SIG_MSG: 0 Vector__XXX
            BO_ 4096 TooBig: 8 X
            CM_ SG_ 7 Nope "no such message";
            MY_OWN_THING whatever 1 2 3
            """;
        DbcDatabase db = TestFiles.Parse(text, "w.dbc");
        Assert.Equal(
        [
            "w.dbc:2: signal Zero: length 0 bits is outside 1..64; signal dropped",
            "w.dbc:3: signal Beyond reaches byte 9 but message A is 8 bytes; decoded only from frames that long",
            "w.dbc:5: signal Dup appears twice in message A; the later one is dropped",
            "w.dbc:7: message Again: id 100 is already used by A; the later message is not decoded",
            "w.dbc:8: message VECTOR__INDEPENDENT_SIG_MSG has pseudo id 0xC0000000 (signals outside any frame); not decoded",
            "w.dbc:9: message TooBig: standard id 4096 is above 0x7FF (extended ids have bit 31 set); not decoded",
            "w.dbc:10: refers to message id 7, which is not defined; ignored",
            "w.dbc:11: unknown statement 'MY_OWN_THING'; skipped to the end of the line",
            "w.dbc:6: signal Orphan is multiplexed (m1) but message A has no multiplexer (M) signal; never decoded",
            "w.dbc:1: message A: 1 signal(s) have a multiplexer that does not exist or loops; they are never decoded",
        ], db.Warnings.Select(w => w.ToString()));
        CanMessage a = Assert.Single(db.Messages);
        Assert.Equal(["Beyond", "Dup", "Orphan"], a.Signals.Select(s => s.Name));
        Assert.Equal([0, 1], a.DecodeOrder);
    }

    [Fact]
    public void Mangled_real_dbc_text_never_throws()
    {
        string original = File.ReadAllText(TestFiles.Dbc("tesla_model3_vehicle.dbc"));
        var random = new Random(11);
        int failures = 0, loaded = 0;
        for (int i = 0; i < 300; i++)
        {
            char[] chars = original.ToCharArray();
            for (int k = 0; k < 20; k++)
            {
                chars[random.Next(chars.Length)] = "\"|@:;()[],-+. \nxM0"[random.Next(18)];
            }

            string mangled = new(chars);
            if (DbcParser.TryParse(mangled, "mangled.dbc", out DbcDatabase? db, out DbcDiagnostic? error))
            {
                loaded++;
                Assert.NotNull(db);
            }
            else
            {
                failures++;
                Assert.StartsWith("mangled.dbc:", error.ToString());
                Assert.InRange(error.Line, 1, mangled.Count(c => c == '\n') + 1);
            }
        }

        Assert.Equal(300, failures + loaded);
        Assert.True(failures > 0);
    }
}
