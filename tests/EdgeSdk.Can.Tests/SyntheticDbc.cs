namespace EdgeSdk.Can.Tests;

/// <summary>A DBC with every construct the parser models, and three it skips (last lines).</summary>
internal static class SyntheticDbc
{
    public const string Text = """
        VERSION "1.2"

        NS_ :
            NS_DESC_
            CM_
            BA_DEF_
            SG_MUL_VAL_

        BS_:

        BU_: ECU1 ECU2 GW

        VAL_TABLE_ GearTable 0 "P" 1 "R" 2 "N" 3 "D" ;

        BO_ 256 Powertrain: 8 ECU1
         SG_ EngineSpeed : 0|16@1+ (0.25,0) [0|16383.75] "rpm" GW,ECU2
         SG_ CoolantTemp : 16|8@1- (1,-40) [-40|215] "degC" GW
         SG_ Gear : 31|4@0+ (1,0) [0|15] "" GW

        BO_ 2566844926 J1939Speed: 8 ECU2
         SG_ WheelSpeed : 8|16@1+ (0.00390625,0) [0|250.996] "km/h" GW

        BO_ 1024 FdBattery: 64 ECU2
         SG_ CellVoltage60 : 480|16@1+ (0.001,0) [0|65.535] "V" GW
         SG_ PackCurrent : 503|16@0- (0.1,0) [-3276.8|3276.7] "A" GW
         SG_ PackPower : 0|32@1- (1,0) [-1000000|1000000] "W" GW
         SG_ Energy : 64|64@1+ (0.001,0) [0|1e12] "kWh" GW

        BO_ 512 ExtMux: 8 ECU1
         SG_ Mode M : 0|4@1+ (1,0) [0|15] "" GW
         SG_ Page m1M : 8|4@1+ (1,0) [0|15] "" GW
         SG_ Temp m2 : 16|8@1+ (1,0) [0|255] "" GW
         SG_ Pressure m3 : 24|8@1+ (1,0) [0|255] "" GW
         SG_ Always : 56|8@1+ (1,0) [0|255] "" GW

        CM_ "Test network";
        CM_ BU_ ECU1 "Engine ECU";
        CM_ BO_ 256 "Powertrain status";
        CM_ SG_ 256 EngineSpeed "Crankshaft speed,
        two lines with a \"quote\"";
        BA_DEF_ BO_ "GenMsgCycleTime" INT 0 65535;
        BA_DEF_ "BusType" STRING ;
        BA_DEF_ SG_ "GenSigStartValue" FLOAT 0 1e9;
        BA_DEF_DEF_ "GenMsgCycleTime" 100;
        BA_DEF_DEF_ "BusType" "CAN";
        BA_ "BusType" "CAN FD";
        BA_ "GenMsgCycleTime" BO_ 256 20;
        BA_ "GenSigStartValue" SG_ 256 CoolantTemp 40;
        VAL_ 256 Gear 0 "P" 1 "R" 2 "N" 3 "D" 15 "Invalid" ;
        SG_MUL_VAL_ 512 Page Mode 1-1;
        SG_MUL_VAL_ 512 Pressure Page 3-5, 9-9;
        SIG_VALTYPE_ 1024 CellVoltage60 : 1;
        SIG_VALTYPE_ 1024 PackPower : 1;
        SIG_VALTYPE_ 1024 Energy : 2;
        EV_ Env1: 0 [0|1] "" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;
        BO_TX_BU_ 256 : ECU1,ECU2;
        """;

    /// <summary>1-based line of the first line containing <paramref name="fragment"/>.</summary>
    public static int LineOf(string text, string fragment)
    {
        string[] lines = text.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, fragment);
        return index + 1;
    }
}
