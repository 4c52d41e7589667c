namespace EdgeSdk.Jt808
{
    /// <summary>The empty body of 0x0002 heartbeat, 0x0003 deregistration and the platform's empty queries.</summary>
    public sealed class Jt808EmptyBody : Jt808Body
    {
        /// <summary>The one instance; the body has no state.</summary>
        public static readonly Jt808EmptyBody Instance = new Jt808EmptyBody();

        private Jt808EmptyBody()
        {
        }

        /// <inheritdoc/>
        public override void Encode(Jt808Writer writer, bool version2019)
        {
        }
    }
}
