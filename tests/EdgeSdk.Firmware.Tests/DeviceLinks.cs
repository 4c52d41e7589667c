using System.Diagnostics;
using System.IO.Ports;
using EdgeSdk.Tracker;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeSdk.Firmware.Tests;

/// <summary>The firmware's UART as a real serial port (System.IO.Ports) on the simulator's pseudo-terminal.</summary>
public sealed class PtySerialLink : ISerialLink, IDisposable
{
    private readonly SerialPort _port;

    public PtySerialLink(string devicePath)
    {
        _port = new SerialPort(devicePath, 115200) { ReadTimeout = 50 };
        _port.Open();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return _port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0; // the firmware's contract: nothing arrived within the read timeout
        }
    }

    public void Dispose() => _port.Dispose();
}

/// <summary>The machine's clocks for the firmware loop.</summary>
public sealed class SystemClock : ITrackerClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long UptimeMilliseconds => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;

    public long UtcNowUnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}

/// <summary>
/// The firmware's MQTT link as MQTTnet, MQTT 3.1.1 as nanoFramework's M2Mqtt speaks it by default. Blocking like
/// M2Mqtt's calls (the firmware is one loop): it runs on the test's firmware thread, never on the thread pool's.
/// <see cref="Online"/> false plays the Wi-Fi going away: the connection drops and connecting fails.
/// </summary>
public sealed class MqttNetLink(int port) : IMqttLink, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private volatile bool _online = true;

    public bool Online
    {
        get => _online;
        set
        {
            _online = value;
            if (!value && _client.IsConnected)
            {
                using var cts = new CancellationTokenSource(Timeout);
                _client.DisconnectAsync(new MqttClientDisconnectOptions(), cts.Token).GetAwaiter().GetResult();
            }
        }
    }

    public bool IsConnected => _online && _client.IsConnected;

    public string LastError { get; private set; } = null!;

    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength)
    {
        if (!_online)
        {
            LastError = "Wi-Fi down (test)";
            return false;
        }

        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(true)
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload.AsSpan(0, willLength).ToArray())
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            return _client.ConnectAsync(options, cts.Token).GetAwaiter().GetResult().ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            LastError = ex.Message;
            return false;
        }
    }

    public bool Publish(string topic, byte[] payload, int length, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(0, length).ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            return _client.PublishAsync(message, cts.Token).GetAwaiter().GetResult().ReasonCode == MqttClientPublishReasonCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            LastError = ex.Message;
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
