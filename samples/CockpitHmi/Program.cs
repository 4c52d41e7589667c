// The cockpit services and the browser HMI in one ASP.NET Core app (see README.md):
//   dotnet run --project samples/CockpitHmi -- --Gnss:Source=tcp://127.0.0.1:5017
// and open http://127.0.0.1:8080/.
using CockpitHmiSample;
using EdgeSdk.Cockpit;
using EdgeSdk.Cockpit.Hmi;
using EdgeSdk.Gnss;
using Microsoft.AspNetCore.Server.Kestrel.Core;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
string gnssSource = builder.Configuration["Gnss:Source"] ?? "tcp://127.0.0.1:5017";
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(Endpoint(builder.Configuration["Hmi:Http"] ?? "127.0.0.1:8080"), l => l.Protocols = HttpProtocols.Http1);
    kestrel.Listen(Endpoint(builder.Configuration["Cockpit:Grpc"] ?? "127.0.0.1:55556"), l => l.Protocols = HttpProtocols.Http2);
});

builder.Services.AddGnssReceiver(gnssSource);                   // GnssFixHub + the receiver, run with the host
builder.Services.AddEdgeSdkCockpit(builder.Configuration);      // databroker + the five services ("Cockpit" section)
builder.Services.AddEdgeSdkCockpitHmi();                        // the page's feeds
builder.Services.AddHostedService<GnssToDatabroker>();          // position and speed into VSS
builder.Services.AddHostedService<StubClimateEcu>();            // this team's "ECU": answers the climate actuators

WebApplication app = builder.Build();
app.MapEdgeSdkCockpit();                                        // gRPC: edgesdk.cockpit.v1
app.MapCockpitHmi(app.Services.GetRequiredService<CockpitHmi>()); // the page, /events, /api/...
await app.RunAsync();

static System.Net.IPEndPoint Endpoint(string address) => System.Net.IPEndPoint.Parse(address);
