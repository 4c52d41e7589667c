// The smallest tracker: a GNSS source → the durable queue → MQTT, and nothing else, so that its NativeAOT
// binary stays under 25 MB of RSS (README). Exit codes: 0 done, 1 the source, queue or broker cannot be used,
// 2 bad arguments.
using AotTracker;

return await TrackerRun.MainAsync(args, Console.Out, Console.Error);
