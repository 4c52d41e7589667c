// Compiled only by the gate's self-check (-p:PortabilityProbe=true): nanoFramework's mscorlib
// has no System.Text.StringBuilder, so this build must fail. If it ever succeeds, the gate is
// not compiling against nanoFramework's base library any more.
namespace EdgeSdk.Nmea
{
    internal static class NonPortableProbe
    {
        internal static object Make()
        {
            var s = new System.Text.StringBuilder();
            return s;
        }
    }
}
