namespace EdgeSdk.Jt808
{
    /// <summary>
    /// 0x0200 location report body: alarm and status bits, position in 1e-6 degrees, altitude, speed,
    /// direction, BCD time in GMT+8, then additional items in the order received. The wire values are kept as fields
    /// (so every report re-encodes byte-identical); degrees, km/h and UTC are computed from them.
    /// </summary>
    public sealed class Jt808LocationReport : Jt808Body
    {
        /// <summary>Bytes before the additional items.</summary>
        public const int FixedLength = 28;

        private const uint StatusAcc = 1u << 0;
        private const uint StatusFixed = 1u << 1;
        private const uint StatusSouth = 1u << 2;
        private const uint StatusWest = 1u << 3;

        private static readonly Jt808AdditionalItem[] NoItems = new Jt808AdditionalItem[0];

        private Jt808AdditionalItem[] _items = NoItems;

        // Created on first read, so the decoder, which always sets the time, does not allocate one to throw away.
        private byte[] _timeBcd;

        /// <summary>Alarm flag bits (the standard's alarm flag table): bit 0 emergency, 1 overspeed, 2 fatigue, 20 in/out area, 21 in/out route, ...</summary>
        public uint AlarmFlags { get; set; }

        /// <summary>Status bits (the standard's status table): bit 0 ACC on, 1 fixed, 2 south latitude, 3 west longitude, ...</summary>
        public uint StatusFlags { get; set; }

        /// <summary>Latitude magnitude in millionths of a degree, as on the wire (the hemisphere is status bit 2).</summary>
        public uint LatitudeMicrodegrees { get; set; }

        /// <summary>Longitude magnitude in millionths of a degree, as on the wire (the hemisphere is status bit 3).</summary>
        public uint LongitudeMicrodegrees { get; set; }

        /// <summary>Altitude above sea level in metres (WORD).</summary>
        public int AltitudeMeters { get; set; }

        /// <summary>Speed in 0.1 km/h units, as on the wire (WORD).</summary>
        public int SpeedTenthsKilometersPerHour { get; set; }

        /// <summary>Direction, 0–359 degrees clockwise from north.</summary>
        public int DirectionDegrees { get; set; }

        /// <summary>Time as six BCD bytes YY MM DD hh mm ss in GMT+8, as on the wire.</summary>
        public byte[] TimeBcd
        {
            get
            {
                if (_timeBcd == null)
                {
                    _timeBcd = new byte[6];
                }

                return _timeBcd;
            }

            set
            {
                _timeBcd = value;
            }
        }

        /// <summary>Status bit 0: ACC (ignition) on.</summary>
        public bool IsAccOn => (StatusFlags & StatusAcc) != 0;

        /// <summary>Status bit 1: the position is a fix.</summary>
        public bool IsFixed => (StatusFlags & StatusFixed) != 0;

        /// <summary>Latitude in degrees, negative in the south (status bit 2).</summary>
        public double LatitudeDegrees => ((StatusFlags & StatusSouth) != 0 ? -1.0 : 1.0) * LatitudeMicrodegrees / 1e6;

        /// <summary>Longitude in degrees, negative in the west (status bit 3).</summary>
        public double LongitudeDegrees => ((StatusFlags & StatusWest) != 0 ? -1.0 : 1.0) * LongitudeMicrodegrees / 1e6;

        /// <summary>Speed in km/h.</summary>
        public double SpeedKilometersPerHour => SpeedTenthsKilometersPerHour / 10.0;

        /// <summary>Speed in m/s.</summary>
        public double SpeedMetersPerSecond => SpeedTenthsKilometersPerHour / 36.0;

        /// <summary>Additional items in the order received (or added).</summary>
        public Jt808AdditionalItem[] Items => _items;

        /// <summary>Sets latitude, longitude and the hemisphere status bits, rounding to 1e-6 degree.</summary>
        /// <param name="latitudeDegrees">Latitude, negative south.</param>
        /// <param name="longitudeDegrees">Longitude, negative west.</param>
        public void SetPosition(double latitudeDegrees, double longitudeDegrees)
        {
            StatusFlags = latitudeDegrees < 0 ? StatusFlags | StatusSouth : StatusFlags & ~StatusSouth;
            StatusFlags = longitudeDegrees < 0 ? StatusFlags | StatusWest : StatusFlags & ~StatusWest;
            LatitudeMicrodegrees = Round(latitudeDegrees < 0 ? -latitudeDegrees : latitudeDegrees, 1e6);
            LongitudeMicrodegrees = Round(longitudeDegrees < 0 ? -longitudeDegrees : longitudeDegrees, 1e6);
        }

        /// <summary>Sets <see cref="SpeedTenthsKilometersPerHour"/> from km/h, rounded to 0.1.</summary>
        /// <param name="kilometersPerHour">Speed, not negative.</param>
        public void SetSpeedKilometersPerHour(double kilometersPerHour) => SpeedTenthsKilometersPerHour = (int)Round(kilometersPerHour, 10);

        /// <summary>Reads the GMT+8 time fields from <see cref="TimeBcd"/>.</summary>
        /// <param name="year">Full year (2000 + YY).</param>
        /// <param name="month">Month 1–12.</param>
        /// <param name="day">Day 1–31.</param>
        /// <param name="hour">Hour 0–23 (GMT+8).</param>
        /// <param name="minute">Minute.</param>
        /// <param name="second">Second.</param>
        /// <returns>False when a byte is not BCD or a field is out of range (e.g. the all-zero time of a terminal without a fix).</returns>
        public bool TryGetTimeGmt8(out int year, out int month, out int day, out int hour, out int minute, out int second)
        {
            year = Jt808Bytes.BcdByte(TimeBcd[0]) + 2000;
            month = Jt808Bytes.BcdByte(TimeBcd[1]);
            day = Jt808Bytes.BcdByte(TimeBcd[2]);
            hour = Jt808Bytes.BcdByte(TimeBcd[3]);
            minute = Jt808Bytes.BcdByte(TimeBcd[4]);
            second = Jt808Bytes.BcdByte(TimeBcd[5]);
            return year >= 2000 && month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month)
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
        }

        /// <summary>The report time in UTC (the wire carries GMT+8; the codec converts, per the project convention).</summary>
        /// <param name="utc">The time, UTC.</param>
        /// <returns>False when the BCD time is not a valid date and time.</returns>
        public bool TryGetTimeUtc(out System.DateTime utc)
        {
            utc = System.DateTime.MinValue;
            if (!TryGetTimeGmt8(out int year, out int month, out int day, out int hour, out int minute, out int second))
            {
                return false;
            }

            utc = new System.DateTime(year, month, day, hour, minute, second).AddHours(-8);
            return true;
        }

        /// <summary>Sets <see cref="TimeBcd"/> from a UTC time (written as GMT+8, whole seconds).</summary>
        /// <param name="utc">The time, UTC; its GMT+8 year must be 2000–2099.</param>
        public void SetTimeUtc(System.DateTime utc)
        {
            System.DateTime local = utc.AddHours(8);
            TimeBcd = new byte[]
            {
                Jt808Bytes.ToBcdByte(local.Year % 100), Jt808Bytes.ToBcdByte(local.Month), Jt808Bytes.ToBcdByte(local.Day),
                Jt808Bytes.ToBcdByte(local.Hour), Jt808Bytes.ToBcdByte(local.Minute), Jt808Bytes.ToBcdByte(local.Second),
            };
        }

        /// <summary>Appends an additional item (raw).</summary>
        /// <param name="item">The item.</param>
        public void AddItem(Jt808AdditionalItem item)
        {
            Jt808AdditionalItem[] grown = new Jt808AdditionalItem[_items.Length + 1];
            System.Array.Copy(_items, grown, _items.Length);
            grown[_items.Length] = item;
            _items = grown;
        }

        /// <summary>Appends an unsigned big-endian item of 1, 2 or 4 bytes.</summary>
        /// <param name="id">Item id.</param>
        /// <param name="value">Value.</param>
        /// <param name="bytes">Width: 1, 2 or 4.</param>
        public void AddUnsignedItem(int id, uint value, int bytes)
        {
            byte[] v = new byte[bytes];
            for (int i = 0; i < bytes; i++)
            {
                v[i] = (byte)(value >> (8 * (bytes - 1 - i)));
            }

            AddItem(new Jt808AdditionalItem(id, v));
        }

        /// <summary>Appends 0x01 mileage, rounded to 0.1 km.</summary>
        /// <param name="kilometers">Odometer reading.</param>
        public void AddMileageKilometers(double kilometers) => AddUnsignedItem(Jt808AdditionalItemIds.Mileage, Round(kilometers, 10), 4);

        /// <summary>Appends 0x02 fuel, rounded to 0.1 L.</summary>
        /// <param name="liters">Fuel in the tank.</param>
        public void AddFuelLiters(double liters) => AddUnsignedItem(Jt808AdditionalItemIds.Fuel, Round(liters, 10), 2);

        /// <summary>Appends 0x03 recorder speed, rounded to 0.1 km/h.</summary>
        /// <param name="kilometersPerHour">Speed.</param>
        public void AddRecorderSpeedKilometersPerHour(double kilometersPerHour) => AddUnsignedItem(Jt808AdditionalItemIds.RecorderSpeed, Round(kilometersPerHour, 10), 2);

        /// <summary>Appends 0x11 overspeed extra; area id is written only when the location type is not 0.</summary>
        /// <param name="locationType">0 none, 1 circle, 2 rectangle, 3 polygon, 4 route.</param>
        /// <param name="areaId">Area or route id.</param>
        public void AddOverspeedAlarm(int locationType, uint areaId)
        {
            byte[] v = new byte[locationType == 0 ? 1 : 5];
            v[0] = (byte)locationType;
            if (locationType != 0)
            {
                WriteUInt32(v, 1, areaId);
            }

            AddItem(new Jt808AdditionalItem(Jt808AdditionalItemIds.OverspeedAlarm, v));
        }

        /// <summary>Appends 0x12 enter/leave area extra.</summary>
        /// <param name="locationType">1 circle, 2 rectangle, 3 polygon, 4 route.</param>
        /// <param name="areaId">Area or route id.</param>
        /// <param name="direction">0 entering, 1 leaving.</param>
        public void AddAreaAlarm(int locationType, uint areaId, int direction)
        {
            byte[] v = new byte[6];
            v[0] = (byte)locationType;
            WriteUInt32(v, 1, areaId);
            v[5] = (byte)direction;
            AddItem(new Jt808AdditionalItem(Jt808AdditionalItemIds.AreaAlarm, v));
        }

        /// <summary>Appends 0x13 route section driving time extra.</summary>
        /// <param name="sectionId">Route section id.</param>
        /// <param name="drivingSeconds">Driving time on the section, seconds.</param>
        /// <param name="result">0 too short, 1 too long.</param>
        public void AddRouteTimeAlarm(uint sectionId, int drivingSeconds, int result)
        {
            byte[] v = new byte[7];
            WriteUInt32(v, 0, sectionId);
            v[4] = (byte)(drivingSeconds >> 8);
            v[5] = (byte)drivingSeconds;
            v[6] = (byte)result;
            AddItem(new Jt808AdditionalItem(Jt808AdditionalItemIds.RouteTimeAlarm, v));
        }

        /// <summary>First item with <paramref name="id"/>, or null.</summary>
        /// <param name="id">Item id.</param>
        /// <returns>The item or null.</returns>
        public Jt808AdditionalItem FindItem(int id)
        {
            for (int i = 0; i < _items.Length; i++)
            {
                if (_items[i].Id == id)
                {
                    return _items[i];
                }
            }

            return null;
        }

        /// <summary>The value of the first item <paramref name="id"/> when it has exactly <paramref name="bytes"/> bytes (the standard width); other widths stay raw.</summary>
        /// <param name="id">Item id.</param>
        /// <param name="bytes">Expected width, 1–4.</param>
        /// <param name="value">The big-endian value.</param>
        /// <returns>True when present with that width.</returns>
        public bool TryGetUnsignedItem(int id, int bytes, out uint value)
        {
            value = 0;
            Jt808AdditionalItem item = FindItem(id);
            if (item == null || item.Value.Length != bytes)
            {
                return false;
            }

            for (int i = 0; i < bytes; i++)
            {
                value = (value << 8) | item.Value[i];
            }

            return true;
        }

        /// <summary>0x01 mileage in km.</summary>
        /// <param name="kilometers">Odometer reading.</param>
        /// <returns>True when the item is present with its standard width.</returns>
        public bool TryGetMileageKilometers(out double kilometers) => TryGetTenths(Jt808AdditionalItemIds.Mileage, 4, out kilometers);

        /// <summary>0x02 fuel in litres.</summary>
        /// <param name="liters">Fuel.</param>
        /// <returns>True when present with its standard width.</returns>
        public bool TryGetFuelLiters(out double liters) => TryGetTenths(Jt808AdditionalItemIds.Fuel, 2, out liters);

        /// <summary>0x03 recorder speed in km/h.</summary>
        /// <param name="kilometersPerHour">Speed.</param>
        /// <returns>True when present with its standard width.</returns>
        public bool TryGetRecorderSpeedKilometersPerHour(out double kilometersPerHour) => TryGetTenths(Jt808AdditionalItemIds.RecorderSpeed, 2, out kilometersPerHour);

        /// <summary>0x04 alarm event id needing manual confirmation.</summary>
        /// <param name="eventId">Event id.</param>
        /// <returns>True when present with its standard width.</returns>
        public bool TryGetAlarmEventId(out int eventId) => TryGetInt(Jt808AdditionalItemIds.AlarmEventId, 2, out eventId);

        /// <summary>0x11 overspeed extra.</summary>
        /// <param name="locationType">0 none, 1 circle, 2 rectangle, 3 polygon, 4 route.</param>
        /// <param name="areaId">Area id, 0 when the type is 0.</param>
        /// <returns>True when present as 1 byte (type 0) or 5 bytes.</returns>
        public bool TryGetOverspeedAlarm(out int locationType, out uint areaId)
        {
            locationType = 0;
            areaId = 0;
            Jt808AdditionalItem item = FindItem(Jt808AdditionalItemIds.OverspeedAlarm);
            if (item == null || (item.Value.Length != 1 && item.Value.Length != 5))
            {
                return false;
            }

            locationType = item.Value[0];
            areaId = item.Value.Length == 5 ? Jt808Bytes.ReadUInt32(item.Value, 1) : 0;
            return true;
        }

        /// <summary>0x12 enter/leave area extra.</summary>
        /// <param name="locationType">1 circle, 2 rectangle, 3 polygon, 4 route.</param>
        /// <param name="areaId">Area or route id.</param>
        /// <param name="direction">0 entering, 1 leaving.</param>
        /// <returns>True when present with 6 bytes.</returns>
        public bool TryGetAreaAlarm(out int locationType, out uint areaId, out int direction)
        {
            locationType = 0;
            areaId = 0;
            direction = 0;
            Jt808AdditionalItem item = FindItem(Jt808AdditionalItemIds.AreaAlarm);
            if (item == null || item.Value.Length != 6)
            {
                return false;
            }

            locationType = item.Value[0];
            areaId = Jt808Bytes.ReadUInt32(item.Value, 1);
            direction = item.Value[5];
            return true;
        }

        /// <summary>0x13 route section driving time extra.</summary>
        /// <param name="sectionId">Route section id.</param>
        /// <param name="drivingSeconds">Driving time, seconds.</param>
        /// <param name="result">0 too short, 1 too long.</param>
        /// <returns>True when present with 7 bytes.</returns>
        public bool TryGetRouteTimeAlarm(out uint sectionId, out int drivingSeconds, out int result)
        {
            sectionId = 0;
            drivingSeconds = 0;
            result = 0;
            Jt808AdditionalItem item = FindItem(Jt808AdditionalItemIds.RouteTimeAlarm);
            if (item == null || item.Value.Length != 7)
            {
                return false;
            }

            sectionId = Jt808Bytes.ReadUInt32(item.Value, 0);
            drivingSeconds = Jt808Bytes.ReadUInt16(item.Value, 4);
            result = item.Value[6];
            return true;
        }

        /// <summary>0x25 extended vehicle signal bits.</summary>
        /// <param name="bits">The DWORD.</param>
        /// <returns>True when present with 4 bytes.</returns>
        public bool TryGetExtendedSignals(out uint bits) => TryGetUnsignedItem(Jt808AdditionalItemIds.ExtendedSignals, 4, out bits);

        /// <summary>0x2A IO status bits.</summary>
        /// <param name="bits">The WORD.</param>
        /// <returns>True when present with 2 bytes.</returns>
        public bool TryGetIoStatus(out int bits) => TryGetInt(Jt808AdditionalItemIds.IoStatus, 2, out bits);

        /// <summary>0x2B analog inputs.</summary>
        /// <param name="ad0">AD0 (bits 0–15).</param>
        /// <param name="ad1">AD1 (bits 16–31).</param>
        /// <returns>True when present with the standard 4 bytes (some terminals send 8: kept raw).</returns>
        public bool TryGetAnalog(out int ad0, out int ad1)
        {
            bool ok = TryGetUnsignedItem(Jt808AdditionalItemIds.Analog, 4, out uint v);
            ad0 = (int)(v & 0xFFFF);
            ad1 = (int)(v >> 16);
            return ok;
        }

        /// <summary>0x30 wireless signal strength.</summary>
        /// <param name="strength">The BYTE.</param>
        /// <returns>True when present with 1 byte.</returns>
        public bool TryGetSignalStrength(out int strength) => TryGetInt(Jt808AdditionalItemIds.SignalStrength, 1, out strength);

        /// <summary>0x31 GNSS satellites in use.</summary>
        /// <param name="satellites">The BYTE.</param>
        /// <returns>True when present with 1 byte.</returns>
        public bool TryGetSatelliteCount(out int satellites) => TryGetInt(Jt808AdditionalItemIds.SatelliteCount, 1, out satellites);

        /// <summary>Decodes a location report body (also the items of 0x0704).</summary>
        /// <param name="b">Buffer.</param>
        /// <param name="offset">First body byte.</param>
        /// <param name="length">Body length.</param>
        /// <param name="report">The report, or null when shorter than 28 bytes or an item runs past the end.</param>
        /// <returns>True when decoded.</returns>
        public static bool TryDecode(byte[] b, int offset, int length, out Jt808LocationReport report)
        {
            report = null;
            if (length < FixedLength)
            {
                return false;
            }

            // Count the items first so the array is allocated once.
            int end = offset + length;
            int count = 0;
            int p = offset + FixedLength;
            while (p < end)
            {
                if (p + 2 > end || p + 2 + b[p + 1] > end)
                {
                    return false;
                }

                p += 2 + b[p + 1];
                count++;
            }

            var r = new Jt808LocationReport
            {
                AlarmFlags = Jt808Bytes.ReadUInt32(b, offset),
                StatusFlags = Jt808Bytes.ReadUInt32(b, offset + 4),
                LatitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, offset + 8),
                LongitudeMicrodegrees = Jt808Bytes.ReadUInt32(b, offset + 12),
                AltitudeMeters = Jt808Bytes.ReadUInt16(b, offset + 16),
                SpeedTenthsKilometersPerHour = Jt808Bytes.ReadUInt16(b, offset + 18),
                DirectionDegrees = Jt808Bytes.ReadUInt16(b, offset + 20),
                TimeBcd = Jt808Bytes.Copy(b, offset + 22, 6),
            };
            r._items = new Jt808AdditionalItem[count];
            p = offset + FixedLength;
            for (int i = 0; i < count; i++)
            {
                int len = b[p + 1];
                r._items[i] = new Jt808AdditionalItem(b[p], Jt808Bytes.Copy(b, p + 2, len));
                p += 2 + len;
            }

            report = r;
            return true;
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
            writer.WriteUInt32(AlarmFlags);
            writer.WriteUInt32(StatusFlags);
            writer.WriteUInt32(LatitudeMicrodegrees);
            writer.WriteUInt32(LongitudeMicrodegrees);
            writer.WriteUInt16(AltitudeMeters);
            writer.WriteUInt16(SpeedTenthsKilometersPerHour);
            writer.WriteUInt16(DirectionDegrees);
            writer.WriteFixed(TimeBcd, 6);
            for (int i = 0; i < _items.Length; i++)
            {
                writer.WriteByte(_items[i].Id);
                writer.WriteByte(_items[i].Value.Length);
                writer.WriteBytes(_items[i].Value);
            }
        }

        private static uint Round(double value, double scale) => (uint)((value * scale) + 0.5);

        private static void WriteUInt32(byte[] v, int offset, uint value)
        {
            v[offset] = (byte)(value >> 24);
            v[offset + 1] = (byte)(value >> 16);
            v[offset + 2] = (byte)(value >> 8);
            v[offset + 3] = (byte)value;
        }

        private static int DaysInMonth(int year, int month)
        {
            if (month == 2)
            {
                return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            }

            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private bool TryGetTenths(int id, int bytes, out double value)
        {
            bool ok = TryGetUnsignedItem(id, bytes, out uint raw);
            value = raw / 10.0;
            return ok;
        }

        private bool TryGetInt(int id, int bytes, out int value)
        {
            bool ok = TryGetUnsignedItem(id, bytes, out uint raw);
            value = (int)raw;
            return ok;
        }
    }
}
