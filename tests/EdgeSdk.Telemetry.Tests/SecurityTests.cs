using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry.TestPublisher;

namespace EdgeSdk.Telemetry.Tests;

public sealed class SecurityTests : IDisposable
{
    private readonly string _queue = Telemetry.TempDirectory();

    public void Dispose() => Directory.Delete(_queue, recursive: true);

    [Fact]
    public async Task TLS_with_a_private_CA_and_client_certificates_carries_fixes_and_refuses_strangers()
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=EdgeSdk Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using X509Certificate2 server = Issue(ca, caKey, "CN=127.0.0.1", serverAuth: true, out ECDsa serverKey);
        using X509Certificate2 client = Issue(ca, caKey, "CN=truck-tls", serverAuth: false, out ECDsa clientKey);
        using X509Certificate2 clientWithKey = client.CopyWithPrivateKey(clientKey);

        await using Mosquitto broker = Mosquitto.Create(
            "allow_anonymous true\ncafile CA\ncertfile SERVER\nkeyfile KEY\nrequire_certificate true\ntls_version tlsv1.2");
        File.WriteAllText(broker.PathOf("ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(broker.PathOf("server.crt"), server.ExportCertificatePem());
        File.WriteAllText(broker.PathOf("server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        string config = File.ReadAllText(broker.PathOf("mosquitto.conf"))
            .Replace("cafile CA", $"cafile {broker.PathOf("ca.crt")}")
            .Replace("certfile SERVER", $"certfile {broker.PathOf("server.crt")}")
            .Replace("keyfile KEY", $"keyfile {broker.PathOf("server.key")}");
        File.WriteAllText(broker.PathOf("mosquitto.conf"), config);
        await broker.StartAsync();
        var tlsUri = new Uri($"mqtts://127.0.0.1:{broker.Port}");
        MqttConnectionOptions Secure(X509Certificate2? trusted, X509Certificate2? certificate, string? clientId = null) => new()
        {
            BrokerUri = tlsUri, TrustedCaCertificate = trusted, ClientCertificate = certificate, ClientId = clientId,
            ConnectTimeout = TimeSpan.FromSeconds(3), ReconnectInitialDelay = TimeSpan.FromMilliseconds(200), ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        };

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Secure(ca, clientWithKey));
        await using var _ = consumer;
        await using TelemetryPublisher publisher = new(new TelemetryPublisherOptions
        {
            DeviceId = "truck-tls", Fleet = "test", QueueDirectory = _queue, Connection = Secure(ca, clientWithKey), BatchMaxDelay = TimeSpan.Zero,
        });
        await publisher.StartAsync();
        foreach (GnssFix fix in SyntheticDrive.Fixes(20))
        {
            publisher.TryEnqueue(fix);
        }

        await Collector.WaitUntilAsync(() => collector.Fixes.Length == 20, TimeSpan.FromSeconds(15), () => $"{publisher.Counters}");
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), collector.Sequences("truck-tls").Order());

        // A server certificate from another CA is refused, and so is a client without a certificate.
        using ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 otherCa = new CertificateRequest("CN=Other CA", otherKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await using var wrongCa = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Secure(otherCa, clientWithKey) });
        IOException untrusted = await Assert.ThrowsAsync<IOException>(() => wrongCa.StartAsync());
        Assert.Contains($"mqtts://127.0.0.1:{broker.Port}", untrusted.Message);
        Assert.Contains("TLS", untrusted.Message);
        await using var noCertificate = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Secure(ca, null) });
        await Assert.ThrowsAsync<IOException>(() => noCertificate.StartAsync());
        serverKey.Dispose();
        clientKey.Dispose();
    }

    [Fact]
    public async Task A_device_cannot_publish_on_another_devices_topics_and_the_refusal_is_reported()
    {
        await using Mosquitto broker = Mosquitto.Create(
            "allow_anonymous false\npassword_file PASSWD\nacl_file ACL");
        string passwd = broker.PathOf("passwd"), acl = broker.PathOf("acl");
        Run("mosquitto_passwd", $"-b -c {passwd} truck-a secret-a");
        Run("mosquitto_passwd", $"-b {passwd} truck-b secret-b");
        Run("mosquitto_passwd", $"-b {passwd} platform secret-p");
        File.WriteAllText(acl, "user platform\ntopic read edgesdk/v1/#\n\npattern readwrite edgesdk/v1/+/%u/#\n");
        File.WriteAllText(broker.PathOf("mosquitto.conf"), File.ReadAllText(broker.PathOf("mosquitto.conf"))
            .Replace("PASSWD", passwd).Replace("ACL", acl));
        await broker.StartAsync();

        (TelemetryConsumer consumer, Collector collector) = await Telemetry.ConsumerAsync(Telemetry.Connection(broker.Uri, username: "platform", password: "secret-p"));
        await using var _ = consumer;

        // truck-a's own credentials, but truck-b's device ID: its topics are truck-b's.
        var events = new ConcurrentQueue<TelemetryEvent>();
        await using TelemetryPublisher impostor = Telemetry.Publisher(Telemetry.Connection(broker.Uri, clientId: "impostor", username: "truck-a", password: "secret-a"), "truck-b", _queue);
        impostor.EventRaised += (_, e) => events.Enqueue(e);
        await impostor.StartAsync();
        foreach (GnssFix fix in SyntheticDrive.Fixes(10))
        {
            impostor.TryEnqueue(fix);
        }

        await Collector.WaitUntilAsync(() => impostor.Counters.Rejected == 10, TimeSpan.FromSeconds(10), () => $"{impostor.Counters} {broker.Log()}");
        TelemetryEvent rejected = Assert.Single(events, e => e.Kind == TelemetryEventKind.PublishRejected);
        Assert.Contains("NotAuthorized", rejected.Message);
        Assert.Equal(10, rejected.Count);
        Assert.Equal(0, impostor.Counters.Acknowledged);
        Assert.Equal(0, impostor.Counters.Queued);
        Assert.DoesNotContain("secret", rejected.Message);
        Assert.DoesNotContain("secret", impostor.Counters.ToString());

        // The real truck-a gets through, and the platform saw nothing from the impostor.
        string queueA = Telemetry.TempDirectory();
        try
        {
            await using TelemetryPublisher truckA = Telemetry.Publisher(Telemetry.Connection(broker.Uri, username: "truck-a", password: "secret-a"), "truck-a", queueA);
            await truckA.StartAsync();
            foreach (GnssFix fix in SyntheticDrive.Fixes(10))
            {
                truckA.TryEnqueue(fix);
            }

            await Collector.WaitUntilAsync(() => collector.Fixes.Length == 10, TimeSpan.FromSeconds(10), () => $"{truckA.Counters}");
            Assert.All(collector.Fixes, f => Assert.Equal("truck-a", f.DeviceId));
        }
        finally
        {
            Directory.Delete(queueA, recursive: true);
        }

        // A wrong password is a refused connection with a reason, not a hang.
        await using var intruder = new TelemetryConsumer(new TelemetryConsumerOptions { Connection = Telemetry.Connection(broker.Uri, username: "platform", password: "wrong") });
        IOException refused = await Assert.ThrowsAsync<IOException>(() => intruder.StartAsync());
        Assert.Contains("refused", refused.Message);
        Assert.DoesNotContain("wrong", refused.Message);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string subject, bool serverAuth, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(8);
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
    }

    private static void Run(string file, string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
