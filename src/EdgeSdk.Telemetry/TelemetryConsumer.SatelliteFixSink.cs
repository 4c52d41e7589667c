namespace EdgeSdk.Telemetry;

// The consumer takes satellite fixes into its own stream (DeliverSatelliteFixesAsync, in TelemetryConsumer.cs), so
// the RDSS forwarder can feed it or a store through the same interface.
public sealed partial class TelemetryConsumer : ISatelliteFixSink
{
}
