namespace EdgeSdk.Can
{
    /// <summary>How a signal's raw bits are read (DBC <c>SIG_VALTYPE_</c>).</summary>
    public enum CanSignalValueType
    {
        /// <summary>An integer, signed or unsigned (the default).</summary>
        WholeNumber = 0,

        /// <summary>An IEEE 754 single-precision float (<c>SIG_VALTYPE_ ... : 1</c>, 32 bits).</summary>
        IeeeSingle = 1,

        /// <summary>An IEEE 754 double-precision float (<c>SIG_VALTYPE_ ... : 2</c>, 64 bits).</summary>
        IeeeDouble = 2,
    }
}
