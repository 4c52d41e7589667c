namespace EdgeSdk.Jt808
{
    /// <summary>What <see cref="Jt808SubpackageAssembler.TryAdd"/> did with a message.</summary>
    public enum Jt808AssembleResult
    {
        /// <summary>The message is not a sub-package; nothing to assemble.</summary>
        NotSubpackage = 0,

        /// <summary>Stored; more packages are needed.</summary>
        Pending = 1,

        /// <summary>The last missing package arrived; the whole message is returned.</summary>
        Complete = 2,

        /// <summary>This package index was already stored; ignored.</summary>
        Duplicate = 3,

        /// <summary>Package index 0 or above the count, a count above the assembler's limit, or a count that differs from the earlier packages.</summary>
        Invalid = 4,
    }
}
