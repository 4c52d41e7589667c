namespace EdgeSdk.Jt808
{
    /// <summary>One additional information item of a location report: id BYTE, length BYTE, value. Kept raw so unknown and non-standard items re-encode identically.</summary>
    public sealed class Jt808AdditionalItem
    {
        /// <summary>Creates an item.</summary>
        /// <param name="id">Item id (0–255), see <see cref="Jt808AdditionalItemIds"/>.</param>
        /// <param name="value">Value bytes (at most 255).</param>
        public Jt808AdditionalItem(int id, byte[] value)
        {
            Id = id;
            Value = value ?? new byte[0];
        }

        /// <summary>Item id.</summary>
        public int Id { get; }

        /// <summary>Value bytes, as on the wire.</summary>
        public byte[] Value { get; }
    }
}
