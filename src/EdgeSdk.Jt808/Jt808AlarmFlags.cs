namespace EdgeSdk.Jt808
{
    /// <summary>
    /// The alarm flag bits of a 0x0200 report (<see cref="Jt808LocationReport.AlarmFlags"/>), JT/T 808-2013 alarm flag
    /// table; 2019 keeps the positions. Bits 15–17 are reserved. <see cref="Name"/> gives the snake_case name the JSON uses.
    /// </summary>
    public static class Jt808AlarmFlags
    {
        /// <summary>Bit 0: emergency (SOS button).</summary>
        public const uint Emergency = 1u << 0;

        /// <summary>Bit 1: overspeed.</summary>
        public const uint Overspeed = 1u << 1;

        /// <summary>Bit 2: fatigue driving.</summary>
        public const uint FatigueDriving = 1u << 2;

        /// <summary>Bit 3: danger warning (2019: dangerous driving behaviour).</summary>
        public const uint DangerWarning = 1u << 3;

        /// <summary>Bit 4: GNSS module fault.</summary>
        public const uint GnssModuleFault = 1u << 4;

        /// <summary>Bit 5: GNSS antenna not connected or cut (open circuit).</summary>
        public const uint GnssAntennaOpen = 1u << 5;

        /// <summary>Bit 6: GNSS antenna short circuit.</summary>
        public const uint GnssAntennaShort = 1u << 6;

        /// <summary>Bit 7: main power under-voltage.</summary>
        public const uint MainPowerUndervoltage = 1u << 7;

        /// <summary>Bit 8: main power off.</summary>
        public const uint MainPowerOff = 1u << 8;

        /// <summary>Bit 9: display fault.</summary>
        public const uint DisplayFault = 1u << 9;

        /// <summary>Bit 10: TTS module fault.</summary>
        public const uint TtsFault = 1u << 10;

        /// <summary>Bit 11: camera fault.</summary>
        public const uint CameraFault = 1u << 11;

        /// <summary>Bit 12: road transport IC card module fault.</summary>
        public const uint IcCardFault = 1u << 12;

        /// <summary>Bit 13: overspeed warning (before the overspeed alarm).</summary>
        public const uint OverspeedWarning = 1u << 13;

        /// <summary>Bit 14: fatigue driving warning (before the fatigue alarm).</summary>
        public const uint FatigueWarning = 1u << 14;

        /// <summary>Bit 18: accumulated driving time of the day exceeded.</summary>
        public const uint DailyDrivingTimeExceeded = 1u << 18;

        /// <summary>Bit 19: parked too long.</summary>
        public const uint ParkingTimeout = 1u << 19;

        /// <summary>Bit 20: entering or leaving an area (details in additional item 0x12).</summary>
        public const uint AreaInOut = 1u << 20;

        /// <summary>Bit 21: entering or leaving a route (details in additional item 0x12).</summary>
        public const uint RouteInOut = 1u << 21;

        /// <summary>Bit 22: route segment driving time too short or too long (details in additional item 0x13).</summary>
        public const uint RouteDrivingTime = 1u << 22;

        /// <summary>Bit 23: deviating from the route.</summary>
        public const uint RouteDeviation = 1u << 23;

        /// <summary>Bit 24: vehicle speed sensor (VSS) fault.</summary>
        public const uint VssFault = 1u << 24;

        /// <summary>Bit 25: abnormal fuel level.</summary>
        public const uint FuelAbnormal = 1u << 25;

        /// <summary>Bit 26: vehicle stolen (anti-theft device).</summary>
        public const uint Stolen = 1u << 26;

        /// <summary>Bit 27: illegal ignition.</summary>
        public const uint IllegalIgnition = 1u << 27;

        /// <summary>Bit 28: illegal displacement.</summary>
        public const uint IllegalDisplacement = 1u << 28;

        /// <summary>Bit 29: collision warning (2019: collision or rollover).</summary>
        public const uint CollisionWarning = 1u << 29;

        /// <summary>Bit 30: rollover warning.</summary>
        public const uint RolloverWarning = 1u << 30;

        /// <summary>Bit 31: illegal door opening.</summary>
        public const uint IllegalDoorOpen = 1u << 31;

        // Indexed by bit number; null for the reserved bits 15–17. One table, so names and bits cannot drift apart.
        private static readonly string[] Names =
        {
            "emergency", "overspeed", "fatigue_driving", "danger_warning", "gnss_module_fault", "gnss_antenna_open",
            "gnss_antenna_short", "main_power_undervoltage", "main_power_off", "display_fault", "tts_fault", "camera_fault",
            "ic_card_fault", "overspeed_warning", "fatigue_warning", null, null, null, "daily_driving_time_exceeded",
            "parking_timeout", "area_in_out", "route_in_out", "route_driving_time", "route_deviation", "vss_fault",
            "fuel_abnormal", "stolen", "illegal_ignition", "illegal_displacement", "collision_warning", "rollover_warning",
            "illegal_door_open",
        };

        /// <summary>The snake_case name of an alarm bit.</summary>
        /// <param name="bit">Bit number, 0–31.</param>
        /// <returns>The name, or null for a reserved bit or a number outside 0–31.</returns>
        public static string Name(int bit) => bit >= 0 && bit < Names.Length ? Names[bit] : null;

        /// <summary>Sets or clears <paramref name="flag"/> in <paramref name="flags"/>.</summary>
        /// <param name="flags">The alarm flag DWORD.</param>
        /// <param name="flag">One or more of the constants.</param>
        /// <param name="on">True to set, false to clear.</param>
        /// <returns>The new DWORD.</returns>
        public static uint With(uint flags, uint flag, bool on) => on ? flags | flag : flags & ~flag;
    }
}
