namespace EdgeSdk.Jt808
{
    /// <summary>A typed message body. Each subclass decodes its layout with a static <c>TryDecode</c> and encodes it here.</summary>
    public abstract class Jt808Body
    {
        /// <summary>Writes the body in the layout of the header version.</summary>
        /// <param name="writer">Destination.</param>
        /// <param name="version2019">True to write the 2019 layout where it differs from 2013.</param>
        public abstract void Encode(Jt808Writer writer, bool version2019);
    }
}
