using System.Text;
using System.Threading;
using EdgeSdk.Tracker;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace EdgeSdk.Tracker.Board;

/// <summary>
/// The firmware's MQTT link over nanoFramework.M2Mqtt (MQTT 3.1.1). Blocking: <see cref="Publish"/> waits for the
/// PUBACK of its message (M2Mqtt reports it through MqttMsgPublished) up to a timeout.
/// </summary>
public sealed class M2MqttLink : IMqttLink
{
    private const int AckTimeoutMilliseconds = 10000;
    private readonly string _host;
    private readonly int _port;
    private readonly AutoResetEvent _acknowledged = new AutoResetEvent(false);
    private readonly object _gate = new object();
    private MqttClient _client;
    private ushort _ackedId;
    private bool _ackedOk;

    /// <summary>A link to the broker at <paramref name="host"/>:<paramref name="port"/> (plain TCP; see README for TLS).</summary>
    public M2MqttLink(string host, int port)
    {
        _host = host;
        _port = port;
    }

    /// <inheritdoc/>
    public bool IsConnected
    {
        get { return _client != null && _client.IsConnected; }
    }

    /// <inheritdoc/>
    public string LastError { get; private set; }

    /// <inheritdoc/>
    public bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength)
    {
        try
        {
            if (_client == null)
            {
                _client = new MqttClient(_host, _port, false, null, null, MqttSslProtocols.None);
                _client.MqttMsgPublished += OnPublished;
            }

            // M2Mqtt takes the will as a string: the tracker's will is valid UTF-8 on purpose (TrackerApp.Connect).
            string will = Encoding.UTF8.GetString(willPayload, 0, willLength);
            MqttReasonCode code = _client.Connect(clientId, null, null, true, MqttQoSLevel.AtLeastOnce, true, willTopic, will, true, 60);
            LastError = code == MqttReasonCode.Success ? null : "broker " + _host + ":" + _port + " refused the connection: " + code.ToString();
            return code == MqttReasonCode.Success;
        }
        catch (System.Exception ex)
        {
            // No route, DNS, refused: the tracker backs off and tries again.
            LastError = "cannot reach the broker " + _host + ":" + _port + ": " + ex.Message;
            return false;
        }
    }

    /// <inheritdoc/>
    public bool Publish(string topic, byte[] payload, int length, bool retain)
    {
        // M2Mqtt sends whole arrays: one copy per message (not per fix).
        byte[] message = new byte[length];
        System.Array.Copy(payload, message, length);
        try
        {
            _acknowledged.Reset();
            ushort id = _client.Publish(topic, message, null, null, MqttQoSLevel.AtLeastOnce, retain);

            // The PUBACK may be reported before Publish returns the message ID: check what arrived before waiting.
            while (true)
            {
                lock (_gate)
                {
                    if (_ackedId == id)
                    {
                        return _ackedOk;
                    }
                }

                if (!_acknowledged.WaitOne(AckTimeoutMilliseconds, false))
                {
                    LastError = "no PUBACK within " + AckTimeoutMilliseconds + " ms";
                    return false;
                }
            }
        }
        catch (System.Exception ex)
        {
            LastError = "publish failed: " + ex.Message;
            return false;
        }
    }

    private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
    {
        lock (_gate)
        {
            _ackedId = e.MessageId;
            _ackedOk = e.IsPublished;
        }

        _acknowledged.Set();
    }
}
