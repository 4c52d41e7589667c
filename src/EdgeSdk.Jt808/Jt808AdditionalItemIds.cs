namespace EdgeSdk.Jt808
{
    /// <summary>Standard additional item ids of the 0x0200 location report (the additional information table of JT/T 808-2013 and 2019).</summary>
    public static class Jt808AdditionalItemIds
    {
        /// <summary>0x01 mileage, DWORD, 0.1 km (odometer reading).</summary>
        public const int Mileage = 0x01;

        /// <summary>0x02 fuel, WORD, 0.1 L.</summary>
        public const int Fuel = 0x02;

        /// <summary>0x03 speed from the driving recorder, WORD, 0.1 km/h.</summary>
        public const int RecorderSpeed = 0x03;

        /// <summary>0x04 id of an alarm event that needs manual confirmation, WORD, from 1.</summary>
        public const int AlarmEventId = 0x04;

        /// <summary>0x11 overspeed alarm extra: location type BYTE (0 none, 1 circle, 2 rectangle, 3 polygon, 4 route), area id DWORD unless type 0.</summary>
        public const int OverspeedAlarm = 0x11;

        /// <summary>0x12 enter/leave area or route alarm extra: location type BYTE, area id DWORD, direction BYTE (0 in, 1 out).</summary>
        public const int AreaAlarm = 0x12;

        /// <summary>0x13 route section driving time too short/long: section id DWORD, driving time WORD seconds, result BYTE (0 short, 1 long).</summary>
        public const int RouteTimeAlarm = 0x13;

        /// <summary>0x25 extended vehicle signal status bits, DWORD.</summary>
        public const int ExtendedSignals = 0x25;

        /// <summary>0x2A IO status bits, WORD (bit 0 deep sleep, bit 1 sleep).</summary>
        public const int IoStatus = 0x2A;

        /// <summary>0x2B analog inputs, DWORD: bits 0–15 AD0, bits 16–31 AD1.</summary>
        public const int Analog = 0x2B;

        /// <summary>0x30 wireless network signal strength, BYTE.</summary>
        public const int SignalStrength = 0x30;

        /// <summary>0x31 GNSS satellites in use, BYTE.</summary>
        public const int SatelliteCount = 0x31;
    }
}
