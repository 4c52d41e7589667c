using System;
using System.Diagnostics;
using System.Threading;
using EdgeSdk.Tracker;
using nanoFramework.Networking;

namespace EdgeSdk.Tracker.Board;

/// <summary>The firmware's entry point: Wi-Fi, then the tracker loop for ever.</summary>
public static class Program
{
    // Board settings: change them for your board, network and broker (README.md).
    private const string WifiSsid = "your-ssid";
    private const string WifiPassword = "your-password";
    private const string BrokerHost = "192.168.1.10";
    private const int BrokerPort = 1883;
    private const string DeviceId = "esp32-tracker-01";
    private const string Fleet = "demo";
    private const int GnssRxPin = 16, GnssTxPin = 17, GnssBaudRate = 9600;

    /// <summary>Joins Wi-Fi (and sets the RTC over SNTP), then runs the tracker.</summary>
    public static void Main()
    {
        var cancel = new CancellationTokenSource(60000);
        if (!WifiNetworkHelper.ConnectDhcp(WifiSsid, WifiPassword, requiresDateTime: true, token: cancel.Token))
        {
            // Fixes are still read and kept in the ring; the MQTT link retries with back-off once the network is up.
            Debug.WriteLine("Wi-Fi '" + WifiSsid + "' not joined within 60 s: check SSID and password; queueing fixes meanwhile");
        }

        byte[] instance = new byte[8];
        new Random().NextBytes(instance); // a fresh numbering epoch at every start (Envelope.queue_instance)
        ulong queueInstance = 0;
        for (int i = 0; i < 8; i++)
        {
            queueInstance = (queueInstance << 8) | instance[i];
        }

        var options = new TrackerOptions
        {
            DeviceId = DeviceId,
            Fleet = Fleet,
            QueueInstance = queueInstance == 0 ? 1 : queueInstance,
        };
        var tracker = new TrackerApp(options, new Esp32SerialLink(GnssRxPin, GnssTxPin, GnssBaudRate), new M2MqttLink(BrokerHost, BrokerPort), new BoardClock());
        while (true)
        {
            tracker.Poll();
        }
    }
}
