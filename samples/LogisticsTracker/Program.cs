// A Raspberry Pi vehicle tracker: GNSS module on the UART → fixes → durable queue → MQTT.
// Settings: appsettings.json ("Tracker" section); see README.md.
return await LogisticsTracker.TrackerApp.RunAsync(args, Console.Error);
