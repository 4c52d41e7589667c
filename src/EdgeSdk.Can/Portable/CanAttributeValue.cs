namespace EdgeSdk.Can
{
    /// <summary>An attribute value assigned in the DBC (<c>BA_</c>), kept as written so nothing is lost.</summary>
    public sealed class CanAttributeValue
    {
        /// <summary>Creates an attribute value.</summary>
        /// <param name="name">The attribute name, e.g. <c>GenMsgCycleTime</c>.</param>
        /// <param name="value">The value as written, without quotes for strings.</param>
        public CanAttributeValue(string name, string value)
        {
            Name = name;
            Value = value;
        }

        /// <summary>The attribute name.</summary>
        public string Name { get; }

        /// <summary>The value as written (number text, or the string without its quotes).</summary>
        public string Value { get; }
    }
}
